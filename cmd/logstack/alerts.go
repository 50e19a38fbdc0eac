package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/logstack/logstack/internal/alertclient"
)

// alertsCommands are the subcommands of `logstack alerts`.
var alertsCommands = []command{
	{"ls", "list alerts: alerts ls [--state S] [--rule R] [--json]", runAlertsList},
	{"ack", "acknowledge a firing alert (stops escalation): alerts ack ID [--by NAME] [--comment C]", runAlertsAck},
	{"silence", "mute notifications: alerts silence --rule R [--query-key V] [--label k=v] --for 2h|--until T --reason TEXT [--author A]", runAlertsSilence},
	{"unsilence", "expire a silence now: alerts unsilence ID", runAlertsUnsilence},
	{"silences", "list silences: alerts silences [--active] [--json]", runAlertsSilences},
}

// runAlerts dispatches `logstack alerts SUBCOMMAND`: the alert episodes and
// silences of the running server's alerter (docs/ALERTING.md, "Alerts API
// and CLI").
func runAlerts(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		for _, c := range alertsCommands {
			if c.name == args[0] {
				return c.run(args[1:], stdout, stderr)
			}
		}
		fmt.Fprintf(stderr, "logstack alerts: unknown subcommand %q\n", args[0])
	}
	fmt.Fprintln(stderr, "usage: logstack alerts SUBCOMMAND [flags]\n\nsubcommands:")
	for _, c := range alertsCommands {
		fmt.Fprintf(stderr, "  %-10s %s\n", c.name, c.summary)
	}
	return 2
}

func (s *serverFlags) alertClient() *alertclient.Client { return alertclient.New(s.server, s.key()) }

// parseArgs parses flags around exactly want positional arguments (what
// names them in the error; want 0 refuses any).
func parseArgs(fs *flag.FlagSet, args []string, want int, what string, stderr io.Writer) ([]string, bool) {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, false
	}
	switch {
	case want == 0 && len(pos) > 0:
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), pos[0])
		return nil, false
	case len(pos) != want:
		fmt.Fprintf(stderr, "%s: want one %s, got %d arguments\n", fs.Name(), what, len(pos))
		return nil, false
	}
	return pos, true
}

// currentUser is the default of --by and --author.
func currentUser() string { return os.Getenv("USER") }

// printJSON prints an answer as --json does.
func printJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// cell makes free text fit one table cell.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Join(strings.Fields(s), " ")
}
