package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/logstack/logstack/internal/alertclient"
	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/notify"
)

func runAlertsList(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alerts ls", stderr)
	var sf serverFlags
	sf.register(fs)
	state := fs.String("state", "", "only alerts in this state: firing, acknowledged or resolved (comma-separated for several)")
	rule := fs.String("rule", "", "only the alerts of this rule or alarm")
	asJSON := fs.Bool("json", false, "print the server's JSON answer instead of a table")
	if _, ok := parseArgs(fs, args, 0, "", stderr); !ok {
		return 2
	}
	var states []string
	if *state != "" {
		states = strings.Split(*state, ",")
	}
	list, err := sf.alertClient().List(context.Background(), alertclient.ListOptions{States: states, Rule: *rule})
	if err != nil {
		fmt.Fprintf(stderr, "logstack alerts ls: %v\n", err)
		return 1
	}
	if *asJSON {
		printJSON(stdout, list)
		return 0
	}
	printAlerts(stdout, list.Alerts)
	fmt.Fprintln(stderr, alertCounts(list.Alerts))
	return 0
}

// printAlerts prints one line per alert.
func printAlerts(w io.Writer, alerts []api.AlertJSON) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tSEVERITY\tSTARTED\tLAST SEEN\tMATCHES\tACKED BY\tSILENCED BY\tSUBJECT")
	for _, a := range alerts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", cell(a.ID), a.State, cell(a.Severity),
			a.StartedAt.UTC().Format(time.RFC3339), a.LastSeen.UTC().Format(time.RFC3339), a.Matches,
			cell(a.AckedBy), cell(strings.Join(a.SilencedBy, ",")), cell(a.Subject))
	}
	_ = tw.Flush()
}

// alertCounts summarises a listing by state.
func alertCounts(alerts []api.AlertJSON) string {
	n := map[notify.State]int{}
	for _, a := range alerts {
		n[a.State]++
	}
	return fmt.Sprintf("%d alerts: %d firing, %d acknowledged, %d resolved", len(alerts),
		n[notify.StateFiring], n[notify.StateAcknowledged], n[notify.StateResolved])
}
