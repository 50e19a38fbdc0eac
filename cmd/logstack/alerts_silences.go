package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/api"
)

func runAlertsUnsilence(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alerts unsilence", stderr)
	var sf serverFlags
	sf.register(fs)
	pos, ok := parseArgs(fs, args, 1, "silence ID (from alerts silences)", stderr)
	if !ok {
		return 2
	}
	id := pos[0]
	s, err := sf.alertClient().Unsilence(context.Background(), id)
	if err != nil {
		fmt.Fprintf(stderr, "logstack alerts unsilence: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "silence %s expired at %s\n", s.ID, s.ExpiresAt.UTC().Format(time.RFC3339))
	return 0
}

func runAlertsSilences(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alerts silences", stderr)
	var sf serverFlags
	sf.register(fs)
	active := fs.Bool("active", false, "only the silences in force now")
	asJSON := fs.Bool("json", false, "print the server's JSON answer instead of a table")
	if _, ok := parseArgs(fs, args, 0, "", stderr); !ok {
		return 2
	}
	list, err := sf.alertClient().Silences(context.Background(), *active)
	if err != nil {
		fmt.Fprintf(stderr, "logstack alerts silences: %v\n", err)
		return 1
	}
	if *asJSON {
		printJSON(stdout, list)
		return 0
	}
	printSilences(stdout, list.Silences)
	return 0
}

// printSilences prints one line per silence.
func printSilences(w io.Writer, silences []api.SilenceJSON) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tSTARTS\tEXPIRES\tAUTHOR\tMATCHERS\tREASON")
	for _, s := range silences {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.State,
			s.StartsAt.UTC().Format(time.RFC3339), s.ExpiresAt.UTC().Format(time.RFC3339),
			cell(s.Author), cell(matchersText(s.Matchers)), cell(s.Reason))
	}
	_ = tw.Flush()
}

// matchersText writes matchers as name=value pairs.
func matchersText(ms []alert.Matcher) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Name + "=" + m.Value
	}
	return strings.Join(parts, ",")
}
