package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/dlqclient"
)

func runDLQReplay(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("dlq replay", stderr)
	var sf serverFlags
	sf.register(fs)
	var seqs seqList
	fs.Var(&seqs, "seq", "dead-letter sequence to replay (repeatable, or comma-separated)")
	all := fs.Bool("all", false, "replay every dead letter (that matches --reason)")
	reason := fs.String("reason", "", "with --all: only dead letters whose reason contains this text")
	dryRun := fs.Bool("dry-run", false, "only say what would be replayed")
	if !parseNoArgs(fs, args, stderr) {
		return 2
	}
	switch {
	case *all == (len(seqs) > 0):
		fmt.Fprintln(stderr, "logstack dlq replay: give --seq N (one or more) or --all")
		return 2
	case *reason != "" && !*all:
		fmt.Fprintln(stderr, "logstack dlq replay: --reason goes with --all")
		return 2
	}
	c := sf.client()
	var rep api.ReplayResponse
	var err error
	if *all {
		rep, err = c.ReplayAll(context.Background(), api.ReplayRequest{Reason: *reason, Limit: 1000, DryRun: *dryRun})
	} else {
		rep, err = c.Replay(context.Background(), api.ReplayRequest{Seqs: seqs, DryRun: *dryRun})
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(stderr, "seq %d: %s\n", e.Seq, e.Error)
	}
	verb := "replayed"
	if *dryRun {
		verb = "would replay"
	}
	fmt.Fprintf(stdout, "%s %d, failed %d\n", verb, rep.Replayed, rep.Failed)
	if *dryRun && len(rep.Seqs) > 0 {
		fmt.Fprintf(stdout, "seqs %v\n", rep.Seqs)
	}
	if err != nil {
		fmt.Fprintf(stderr, "logstack dlq replay: %v\n", err)
		return 1
	}
	if rep.Failed > 0 {
		return 1
	}
	return 0
}

func runDLQRemove(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("dlq rm", stderr)
	var sf serverFlags
	sf.register(fs)
	var seqs seqList
	fs.Var(&seqs, "seq", "dead-letter sequence to delete (repeatable, or comma-separated)")
	if !parseNoArgs(fs, args, stderr) {
		return 2
	}
	if len(seqs) == 0 {
		fmt.Fprintln(stderr, "logstack dlq rm: --seq is required")
		return 2
	}
	c, code := sf.client(), 0
	for _, seq := range seqs {
		err := c.Delete(context.Background(), seq)
		switch {
		case errors.Is(err, dlqclient.ErrNotFound):
			fmt.Fprintf(stderr, "seq %d: not found\n", seq)
			code = 1
		case err != nil:
			fmt.Fprintf(stderr, "logstack dlq rm: seq %d: %v\n", seq, err)
			return 1
		default:
			fmt.Fprintf(stdout, "deleted %d\n", seq)
		}
	}
	return code
}
