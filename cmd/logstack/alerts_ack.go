package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/logstack/logstack/internal/api"
)

func runAlertsAck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alerts ack", stderr)
	var sf serverFlags
	sf.register(fs)
	by := fs.String("by", currentUser(), "who takes the alert (default $USER)")
	comment := fs.String("comment", "", "note kept with the acknowledgement")
	pos, ok := parseArgs(fs, args, 1, "alert ID (rule or rule/value, from alerts ls)", stderr)
	if !ok {
		return 2
	}
	id := pos[0]
	if *by == "" {
		fmt.Fprintln(stderr, "logstack alerts ack: --by is required ($USER is not set)")
		return 2
	}
	ack, err := sf.alertClient().Ack(context.Background(), id, api.AckRequest{By: *by, Comment: *comment})
	if err != nil {
		fmt.Fprintf(stderr, "logstack alerts ack: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s acknowledged by %s at %s; escalation stops at the alerter's next evaluation\n",
		ack.Key, ack.By, ack.At.UTC().Format(time.RFC3339))
	return 0
}
