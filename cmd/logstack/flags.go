package main

import (
	"flag"
	"io"
	"os"

	"github.com/logstack/logstack/internal/config"
)

// parseInterleaved parses flags that may come after positional arguments
// (`logstack search 'level:error' --since 1h`), which package flag alone
// stops at.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// configFlags are shared by every command that reads the config file.
type configFlags struct {
	path string
	env  string
}

func (c *configFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.path, "config", "", "config file (default logstack.yaml if present)")
	fs.StringVar(&c.env, "env", "", "environment overlay environments/NAME.yaml (default $LOGSTACK_ENV or \"default\")")
}

func (c *configFlags) load() (*config.Config, error) {
	path, explicit := c.path, c.path != ""
	if !explicit {
		path = "logstack.yaml"
	}
	env := c.env
	if env == "" {
		env = os.Getenv("LOGSTACK_ENV")
	}
	return config.Load(config.LoadOptions{Path: path, PathExplicit: explicit, Env: env})
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("logstack "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
