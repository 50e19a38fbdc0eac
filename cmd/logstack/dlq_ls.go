package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/dlqclient"
)

func runDLQList(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("dlq ls", stderr)
	var sf serverFlags
	sf.register(fs)
	limit := fs.Int("limit", 100, "maximum dead letters to list")
	after := fs.Uint64("after", 0, "list dead letters after this sequence (continue a listing)")
	reason := fs.String("reason", "", "only dead letters whose reason contains this text (case-insensitive)")
	asJSON := fs.Bool("json", false, "print the server's JSON answer instead of a table")
	if !parseNoArgs(fs, args, stderr) {
		return 2
	}
	list, err := sf.client().List(context.Background(), dlqclient.ListOptions{Limit: *limit, After: *after, Reason: *reason})
	if err != nil {
		fmt.Fprintf(stderr, "logstack dlq ls: %v\n", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(list)
		return 0
	}
	printDeadLetters(stdout, list.DeadLetters)
	fmt.Fprintf(stderr, "%d listed, %d dead letters in all", len(list.DeadLetters), list.Total)
	if list.Next != 0 {
		fmt.Fprintf(stderr, "; more with --after %d", list.Next)
	}
	fmt.Fprintln(stderr)
	return 0
}

// printDeadLetters prints one line per letter: seq, time, events, reason.
func printDeadLetters(w io.Writer, letters []api.DeadLetterJSON) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME\tEVENTS\tREASON")
	for _, d := range letters {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", d.Seq, d.Time.UTC().Format(time.RFC3339), d.Events, strings.ReplaceAll(d.Reason, "\t", " "))
	}
	_ = tw.Flush()
}

func runDLQShow(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("dlq show", stderr)
	var sf serverFlags
	sf.register(fs)
	seq := fs.Uint64("seq", 0, "dead-letter sequence (from dlq ls)")
	if !parseNoArgs(fs, args, stderr) {
		return 2
	}
	if *seq == 0 {
		fmt.Fprintln(stderr, "logstack dlq show: --seq is required")
		return 2
	}
	d, err := sf.client().Get(context.Background(), *seq)
	if err != nil {
		fmt.Fprintf(stderr, "logstack dlq show: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "seq %d, %s, %d events, %d bytes: %s\n", d.Seq, d.Time.UTC().Format(time.RFC3339), d.Events, d.Size, d.Reason)
	fmt.Fprint(stdout, d.Data)
	if !strings.HasSuffix(d.Data, "\n") {
		fmt.Fprintln(stdout)
	}
	return 0
}
