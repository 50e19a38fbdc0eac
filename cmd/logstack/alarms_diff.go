package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/logstack/logstack/internal/alerter"
	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/lint"
)

// envList collects repeated --env flags.
type envList []string

func (e *envList) String() string     { return strings.Join(*e, ",") }
func (e *envList) Set(v string) error { *e = append(*e, v); return nil }

// runAlarmsDiff compares two environments' alarms and rules
// (alerting.alarms_dir and alerting.rules_dir of each environment's
// configuration) and exits 1 when they differ beyond
// alerting.parity_exceptions, so a change tried in staging cannot be
// forgotten in production (docs/LINT.md).
func runAlarmsDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("alarms diff", stderr)
	var envs envList
	fs.Var(&envs, "env", "environment (give exactly two: --env staging --env production)")
	path := fs.String("config", "", "config file (default logstack.yaml if present)")
	asJSON := fs.Bool("json", false, "print differences as a JSON array")
	if _, err := parseInterleaved(fs, args); err != nil {
		return 2
	}
	if len(envs) != 2 {
		fmt.Fprintln(stderr, "usage: logstack alarms diff --env A --env B [--config FILE] [--json]")
		return 2
	}
	left, lexc, err := loadEnvAlerting(*path, envs[0])
	if err != nil {
		fmt.Fprintf(stderr, "logstack alarms diff: %v\n", err)
		return 2
	}
	right, rexc, err := loadEnvAlerting(*path, envs[1])
	if err != nil {
		fmt.Fprintf(stderr, "logstack alarms diff: %v\n", err)
		return 2
	}
	diffs := lint.Diff(left, right, append(lexc, rexc...))
	if err := printDiffs(stdout, diffs, *asJSON); err != nil {
		fmt.Fprintf(stderr, "logstack alarms diff: %v\n", err)
		return 2
	}
	if len(diffs) > 0 {
		return 1
	}
	return 0
}

// loadEnvAlerting loads env's configuration and the rules and alarms of
// its alerting.rules_dir and alarms_dir, as that environment's alerter
// would; any file that does not load is an error.
func loadEnvAlerting(path, env string) (lint.Env, []lint.Exception, error) {
	cf := configFlags{path: path, env: env}
	cfg, err := cf.load()
	if err != nil {
		return lint.Env{}, nil, fmt.Errorf("env %s: %w", env, err)
	}
	c := cfg.Alerting
	if c.RulesDir == "" && c.AlarmsDir == "" {
		return lint.Env{}, nil, fmt.Errorf("env %s: neither alerting.rules_dir nor alerting.alarms_dir is set", env)
	}
	rules, err := alerter.LoadRules(cfg.AbsPath(c.RulesDir))
	if err != nil {
		return lint.Env{}, nil, fmt.Errorf("env %s: %w", env, err)
	}
	names := map[string]bool{}
	for _, r := range rules {
		names[r.Name] = true
	}
	alarms, err := alerter.LoadAlarms(cfg.AbsPath(c.AlarmsDir), names)
	if err != nil {
		return lint.Env{}, nil, fmt.Errorf("env %s: %w", env, err)
	}
	return lint.Env{Name: env, Alarms: alarms, Rules: rules}, exceptions(c.ParityExceptions), nil
}

// exceptions converts the configuration's parity exceptions.
func exceptions(in []config.ParityException) []lint.Exception {
	out := make([]lint.Exception, len(in))
	for i, e := range in {
		out[i] = lint.Exception{Env: e.Env, Name: e.Name, Reason: e.Reason}
	}
	return out
}

// printDiffs writes one line per difference, or a JSON array.
func printDiffs(w io.Writer, diffs []lint.Difference, asJSON bool) error {
	if asJSON {
		if diffs == nil {
			diffs = []lint.Difference{}
		}
		return json.NewEncoder(w).Encode(diffs)
	}
	for _, d := range diffs {
		if _, err := fmt.Fprintln(w, d); err != nil {
			return err
		}
	}
	return nil
}
