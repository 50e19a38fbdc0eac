package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/timeexpr"
)

// runAlarms dispatches `logstack alarms SUBCOMMAND` (issue 5). Only `test`
// exists so far.
func runAlarms(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "test" {
		return runAlarmsTest(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "diff" {
		return runAlarmsDiff(args[1:], stdout, stderr)
	}
	if len(args) > 0 {
		fmt.Fprintf(stderr, "logstack alarms: unknown subcommand %q\n", args[0])
	}
	fmt.Fprintln(stderr, "usage: logstack alarms test ALARM.yaml --series FILE.ndjson [--from T] [--until T] [--initial-state OK|ALARM|INSUFFICIENT_DATA]")
	fmt.Fprintln(stderr, "       logstack alarms diff --env A --env B [--config FILE] [--json]")
	return 2
}

// evaluationJSON is one printed line of `alarms test`.
type evaluationJSON struct {
	Timestamp string   `json:"timestamp"`
	State     string   `json:"state"`
	Reason    string   `json:"reason"`
	Actions   []string `json:"actions,omitempty"`
}

// runAlarmsTest replays a datapoint series through one alarm file offline
// and prints one JSON line per evaluation (docs/ALERTING.md).
func runAlarmsTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alarms test", stderr)
	series := fs.String("series", "", "NDJSON datapoints, one {\"timestamp\": T, \"value\": V} per line (required)")
	from := fs.String("from", "", "first period to evaluate (default: the first datapoint's)")
	until := fs.String("until", "", "last evaluation time (default: the end of the last datapoint's period)")
	initial := fs.String("initial-state", string(alarm.StateInsufficientData), "state before the first evaluation")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 || *series == "" {
		fmt.Fprintln(stderr, "usage: logstack alarms test ALARM.yaml --series FILE.ndjson [--from T] [--until T] [--initial-state S]")
		return 2
	}
	state, err := alarm.ParseState(*initial)
	if err != nil {
		fmt.Fprintf(stderr, "logstack alarms test: --initial-state: %v\n", err)
		return 2
	}
	now := time.Now()
	start, end, err := parseRange(*from, *until, now)
	if err != nil {
		fmt.Fprintf(stderr, "logstack alarms test: %v\n", err)
		return 2
	}
	evals, err := replayFiles(pos[0], *series, start, end, state)
	if err != nil {
		fmt.Fprintf(stderr, "logstack alarms test: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, e := range evals {
		_ = enc.Encode(evaluationJSON{Timestamp: e.Time.UTC().Format(time.RFC3339), State: string(e.To), Reason: e.Reason, Actions: e.Actions})
	}
	return 0
}

func parseRange(from, until string, now time.Time) (start, end time.Time, err error) {
	if from != "" {
		if start, err = timeexpr.Parse(from, now); err != nil {
			return start, end, fmt.Errorf("--from: %w", err)
		}
	}
	if until != "" {
		if end, err = timeexpr.Parse(until, now); err != nil {
			return start, end, fmt.Errorf("--until: %w", err)
		}
	}
	return start, end, nil
}

func replayFiles(alarmPath, seriesPath string, from, until time.Time, state alarm.State) ([]alarm.Transition, error) {
	a, err := alarm.LoadFile(alarmPath)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(seriesPath)
	if err != nil {
		return nil, fmt.Errorf("open series: %w", err)
	}
	defer f.Close()
	samples, err := alarm.ReadSeries(seriesPath, f)
	if err != nil {
		return nil, err
	}
	return alarm.Replay(a, samples, from, until, state)
}
