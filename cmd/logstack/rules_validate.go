package main

import (
	"fmt"
	"io"

	"github.com/logstack/logstack/internal/rule"
)

// runRules dispatches `logstack rules SUBCOMMAND`: validate and test.
func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "test" {
		return runRulesTest(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "validate" {
		fmt.Fprintln(stderr, "usage: logstack rules validate RULE.yaml...")
		fmt.Fprintln(stderr, "       "+rulesTestUsage[len("usage: "):])
		return 2
	}
	return runRulesValidate(args[1:], stdout, stderr)
}

// runRulesValidate loads ElastAlert2 rule files the way the alerter will
// and prints every problem as file:line:col, then warnings; exit 1 when any
// file has a problem, so CI can gate on it.
func runRulesValidate(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: logstack rules validate RULE.yaml...")
		return 2
	}
	status := 0
	for _, f := range files {
		r, err := rule.LoadFile(f)
		if err != nil {
			fmt.Fprintln(stderr, err)
			status = 1
			continue
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(stderr, "warning: %v\n", w)
		}
		fmt.Fprintf(stdout, "%s: rule %q (%s) ok\n", f, r.Name, r.Type)
	}
	return status
}
