package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/logstack/logstack/internal/rule"
)

const rulesTestUsage = "usage: logstack rules test RULE.yaml --events FILE.ndjson [--from T] [--until T] [--run-every 1m]"

// notificationJSON is one printed line of `rules test`; query_key (of the
// first match) is null when it has no query_key value.
type notificationJSON struct {
	Time     string  `json:"time"`
	Rule     string  `json:"rule"`
	QueryKey *string `json:"query_key"`
	Matches  int     `json:"matches"`
	// AggregationKey is set for batches of a rule with aggregation_key.
	AggregationKey *string `json:"aggregation_key,omitempty"`
}

// runRulesTest replays recorded events through one rule file offline, in
// simulated time, and prints one JSON line per notification the alerter
// would send (docs/ALERTING-RULES.md, "Testing rules offline").
func runRulesTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("rules test", stderr)
	eventsPath := fs.String("events", "", "NDJSON events, one JSON object with @timestamp per line (required)")
	from := fs.String("from", "", "first run time (default: the first event's @timestamp)")
	until := fs.String("until", "", "last event time to replay (default: the last event's @timestamp)")
	every := fs.Duration("run-every", time.Minute, "simulated interval between rule runs")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 || *eventsPath == "" || *every <= 0 {
		fmt.Fprintln(stderr, rulesTestUsage)
		return 2
	}
	start, end, err := parseRange(*from, *until, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "logstack rules test: %v\n", err)
		return 2
	}
	ns, code := replayRule(pos[0], *eventsPath, rule.ReplayOptions{From: start, Until: end, Every: *every}, stderr)
	if code != 0 {
		return code
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, n := range ns {
		line := notificationJSON{Time: n.Time.UTC().Format(time.RFC3339Nano), Rule: n.Rule, Matches: len(n.Matches)}
		if m := n.Matches[0]; m.HasKey {
			line.QueryKey = &m.Key
		}
		if n.HasAggregationKey {
			line.AggregationKey = &n.AggregationKey
		}
		_ = enc.Encode(line)
	}
	return 0
}

// replayRule loads the rule and the events, reporting every problem on
// stderr (bad event lines as FILE:LINE), and replays them.
func replayRule(rulePath, eventsPath string, opt rule.ReplayOptions, stderr io.Writer) ([]rule.Notification, int) {
	r, err := rule.LoadFile(rulePath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, 1
	}
	f, err := os.Open(eventsPath)
	if err != nil {
		fmt.Fprintf(stderr, "logstack rules test: %v\n", err)
		return nil, 1
	}
	defer f.Close()
	events, errs := rule.ReadEvents(f, eventsPath)
	for _, e := range errs {
		fmt.Fprintln(stderr, e)
	}
	if len(errs) > 0 {
		return nil, 1
	}
	ns, err := rule.Replay(r, events, opt)
	if err != nil {
		fmt.Fprintf(stderr, "logstack rules test: %v\n", err)
		return nil, 1
	}
	return ns, 0
}
