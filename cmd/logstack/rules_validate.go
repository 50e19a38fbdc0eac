package main

import (
	"fmt"
	"io"
	"os"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/lint"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/yamlsrc"
)

// runRules dispatches `logstack rules SUBCOMMAND`: validate and test.
func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "test" {
		return runRulesTest(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "validate" {
		fmt.Fprintln(stderr, "usage: logstack rules validate FILE_OR_DIR...")
		fmt.Fprintln(stderr, "       "+rulesTestUsage[len("usage: "):])
		return 2
	}
	return runRulesValidate(args[1:], stdout, stderr)
}

// runRulesValidate loads rule and alarm files (directories are walked)
// the way the alerter will and prints every problem as file:line:col,
// then warnings; exit 1 when any file has a problem, so CI can gate on it.
func runRulesValidate(paths []string, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "usage: logstack rules validate FILE_OR_DIR...")
		return 2
	}
	files, err := yamlsrc.Files(paths...)
	if err != nil {
		fmt.Fprintf(stderr, "logstack rules validate: %v\n", err)
		return 2
	}
	status := 0
	for _, f := range files {
		if msg, err := validateFile(f, stderr); err != nil {
			fmt.Fprintln(stderr, err)
			status = 1
		} else {
			fmt.Fprintf(stdout, "%s: %s ok\n", f, msg)
		}
	}
	return status
}

// validateFile loads one rule or alarm file (told apart as lint does) and
// prints its warnings; it returns what loaded, for the ok line.
func validateFile(f string, stderr io.Writer) (string, error) {
	data, err := os.ReadFile(f)
	if err != nil {
		return "", err
	}
	if lint.IsAlarmFile(data) {
		a, err := alarm.Parse(f, data)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("alarm %q", a.Name), nil
	}
	r, err := rule.Load(f, data)
	if err != nil {
		return "", err
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	return fmt.Sprintf("rule %q (%s)", r.Name, r.Type), nil
}
