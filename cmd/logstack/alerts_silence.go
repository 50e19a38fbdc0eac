package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/timeexpr"
)

// labelList is a repeatable --label k=v flag.
type labelList []alert.Matcher

func (l *labelList) String() string { return fmt.Sprint([]alert.Matcher(*l)) }

func (l *labelList) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || name == "" || value == "" {
		return fmt.Errorf("want NAME=VALUE, got %q", v)
	}
	*l = append(*l, alert.Matcher{Name: name, Value: value})
	return nil
}

// silenceFlags are the flags of `alerts silence`.
type silenceFlags struct {
	rule, queryKey, forD, until, reason, author string
	labels                                      labelList
}

func (f *silenceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.rule, "rule", "", "silence the alerts of this rule or alarm")
	fs.StringVar(&f.queryKey, "query-key", "", "silence the alerts with this query_key value")
	fs.Var(&f.labels, "label", "silence the alerts with this label, NAME=VALUE (repeatable; all must match)")
	fs.StringVar(&f.forD, "for", "", "how long, from now: 2h, 1d")
	fs.StringVar(&f.until, "until", "", "until when: RFC 3339, 2026-12-06, now+2h")
	fs.StringVar(&f.reason, "reason", "", "why (required)")
	fs.StringVar(&f.author, "author", currentUser(), "who (default $USER)")
}

// request builds the silence request, or says which flag is wrong.
func (f *silenceFlags) request(now time.Time) (api.SilenceRequest, error) {
	req := api.SilenceRequest{Reason: f.reason, Author: f.author}
	if f.rule != "" {
		req.Matchers = append(req.Matchers, alert.Matcher{Name: "rule", Value: f.rule})
	}
	if f.queryKey != "" {
		req.Matchers = append(req.Matchers, alert.Matcher{Name: "query_key", Value: f.queryKey})
	}
	req.Matchers = append(req.Matchers, f.labels...)
	switch {
	case len(req.Matchers) == 0:
		return req, errors.New("give --rule, --query-key or --label: what to silence")
	case (f.forD == "") == (f.until == ""):
		return req, errors.New("give one of --for (e.g. 2h) and --until (a time)")
	case f.reason == "":
		return req, errors.New("--reason is required")
	case f.author == "":
		return req, errors.New("--author is required ($USER is not set)")
	}
	if f.forD != "" {
		if d, err := timeexpr.ParseDuration(f.forD); err != nil || d <= 0 {
			return req, fmt.Errorf("--for: want a positive duration such as 2h, got %q", f.forD)
		}
		req.Duration = f.forD
		return req, nil
	}
	t, err := timeexpr.Parse(f.until, now)
	if err != nil {
		return req, fmt.Errorf("--until: %w", err)
	}
	if !t.After(now) {
		return req, fmt.Errorf("--until: %s is not in the future (--for takes a duration)", t.UTC().Format(time.RFC3339))
	}
	req.ExpiresAt = t
	return req, nil
}

func runAlertsSilence(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alerts silence", stderr)
	var sf serverFlags
	sf.register(fs)
	var f silenceFlags
	f.register(fs)
	if _, ok := parseArgs(fs, args, 0, "", stderr); !ok {
		return 2
	}
	req, err := f.request(time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "logstack alerts silence: %v\n", err)
		return 2
	}
	s, err := sf.alertClient().Silence(context.Background(), req)
	if err != nil {
		fmt.Fprintf(stderr, "logstack alerts silence: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "silence %s: %s from %s until %s\n", s.ID, matchersText(s.Matchers),
		s.StartsAt.UTC().Format(time.RFC3339), s.ExpiresAt.UTC().Format(time.RFC3339))
	fmt.Fprintln(stdout, s.ID)
	return 0
}
