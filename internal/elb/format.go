package elb

import (
	"fmt"
	"strings"
)

// Format names a load-balancer log layout. Auto, the default, detects the
// layout of every line from the line itself, so one reader can take a bucket
// that mixes Classic, Application and Network load balancers.
type Format string

// The layouts Parse understands.
const (
	Auto    Format = "auto"
	CLB     Format = "clb"
	ALB     Format = "alb"
	NLB     Format = "nlb"
	ALBConn Format = "alb-conn"
)

var formats = []Format{Auto, CLB, ALB, NLB, ALBConn}

// ParseFormat reads a format name as given on a command line or in a config
// file ("" means Auto); the error names the valid values so the user can fix
// the typo without looking anything up.
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return Auto, nil
	}
	for _, f := range formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%w %q: valid formats are %s", ErrUnknownFormat, s, strings.Join(names, ", "))
}
