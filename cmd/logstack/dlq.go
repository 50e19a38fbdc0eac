package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/logstack/logstack/internal/dlqclient"
)

// dlqCommands are the subcommands of `logstack dlq`.
var dlqCommands = []command{
	{"ls", "list dead letters: dlq ls [--limit N] [--reason S] [--json]", runDLQList},
	{"show", "print one dead letter's payload: dlq show --seq N", runDLQShow},
	{"replay", "put dead letters back into the queue: dlq replay (--seq N ... | --all [--reason S]) [--dry-run]", runDLQReplay},
	{"rm", "delete dead letters for good: dlq rm --seq N ...", runDLQRemove},
}

// runDLQ dispatches `logstack dlq SUBCOMMAND`: events the store refused,
// kept with the reason by the running server.
func runDLQ(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		for _, c := range dlqCommands {
			if c.name == args[0] {
				return c.run(args[1:], stdout, stderr)
			}
		}
		fmt.Fprintf(stderr, "logstack dlq: unknown subcommand %q\n", args[0])
	}
	fmt.Fprintln(stderr, "usage: logstack dlq SUBCOMMAND [flags]\n\nsubcommands:")
	for _, c := range dlqCommands {
		fmt.Fprintf(stderr, "  %-7s %s\n", c.name, c.summary)
	}
	return 2
}

// serverFlags are the connection flags of the commands that call a running
// logstack.
type serverFlags struct {
	server string
	apiKey string
}

func (s *serverFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.server, "server", envOr("LOGSTACK_SERVER", "http://127.0.0.1:9280"), "logstack URL ($LOGSTACK_SERVER)")
	fs.StringVar(&s.apiKey, "api-key", "", "API key (default $LOGSTACK_API_KEY)")
}

func (s *serverFlags) client() *dlqclient.Client { return dlqclient.New(s.server, s.key()) }

// key is --api-key, else $LOGSTACK_API_KEY.
func (s *serverFlags) key() string {
	if s.apiKey != "" {
		return s.apiKey
	}
	return os.Getenv("LOGSTACK_API_KEY")
}

// seqList is a repeatable --seq flag that also takes comma-separated lists.
type seqList []uint64

func (s *seqList) String() string { return fmt.Sprint([]uint64(*s)) }

func (s *seqList) Set(v string) error {
	for part := range strings.SplitSeq(v, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(part), 10, 64)
		if err != nil || n == 0 {
			return fmt.Errorf("want a dead-letter sequence (1 or more), got %q", part)
		}
		*s = append(*s, n)
	}
	return nil
}

// parseNoArgs parses flags and refuses positional arguments.
func parseNoArgs(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return false
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q (sequences go with --seq)\n", fs.Name(), pos[0])
		return false
	}
	return true
}
