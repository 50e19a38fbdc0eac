package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/logstack/logstack/internal/buildinfo"
)

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "logstack %s (commit %s, %s)\n", buildinfo.Version, buildinfo.CommitOrVCS(), runtime.Version())
	return 0
}
