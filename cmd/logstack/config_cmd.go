package main

import (
	"fmt"
	"io"

	"github.com/logstack/logstack/internal/app"
	"github.com/logstack/logstack/internal/config"
)

func runConfig(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "validate" && args[0] != "render") {
		fmt.Fprintln(stderr, "usage: logstack config validate|render [--config FILE] [--env NAME]")
		return 2
	}
	verb := args[0]
	fs := newFlagSet("config "+verb, stderr)
	var cf configFlags
	cf.register(fs)
	if _, err := parseInterleaved(fs, args[1:]); err != nil {
		return 2
	}
	cfg, err := cf.load()
	if err == nil {
		err = cfg.Validate()
	}
	if err == nil && verb == "validate" {
		err = app.ValidateAlerting(cfg)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	if verb == "validate" {
		fmt.Fprintf(stdout, "config ok (env %s)\n", cfg.Env)
		return 0
	}
	out, err := config.Render(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "logstack config render: %v\n", err)
		return 1
	}
	_, _ = stdout.Write(out)
	return 0
}
