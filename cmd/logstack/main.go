// Command logstack is the log aggregation stack in one binary: `serve` runs
// it, the other subcommands query and check it. Everything but flag parsing
// and wiring lives in internal packages.
package main

import (
	"fmt"
	"io"
	"os"
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "run logstack (inputs, queue, indexer, store, API; --role broker|indexer|alerter runs one part)", runServe},
		{"search", "search a running logstack: logstack search [flags] 'QUERY'", runSearch},
		{"dlq", "dead letters the store refused: dlq ls | show | replay | rm", runDLQ},
		{"alerts", "alerts ls | ack | silence | unsilence | silences: list and acknowledge alerts, manage silences", runAlerts},
		{"parse", "parse AWS load-balancer logs into NDJSON events: logstack parse [--format F] [FILE...]", runParse},
		{"config", "config validate | config render: check or print the effective configuration", runConfig},
		{"rules", "rules validate RULE.yaml... | rules test RULE.yaml --events FILE.ndjson: check or replay ElastAlert2-compatible rules", runRules},
		{"ingest", "send load balancer log files or an s3:// prefix to logstack (backfill)", runIngest},
		{"lambda", "run as an AWS Lambda function for S3 log notifications (binary named bootstrap)", runLambda},
		{"alarms", "alarms test ALARM.yaml --series FILE.ndjson: replay an alarm offline | alarms diff --env A --env B: compare environments", runAlarms},
		{"lint", "lint [--server URL] FILE_OR_DIR...: find alarm and rule mistakes (docs/LINT.md)", runLint},
		{"version", "print the version and commit", runVersion},
	}
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 && os.Getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		args = []string{"lambda"} // started by Lambda as "bootstrap" (docs/S3.md)
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "logstack: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: logstack COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'logstack COMMAND -h' for a command's flags.")
}
