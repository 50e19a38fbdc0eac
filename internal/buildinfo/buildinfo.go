// Package buildinfo carries the version and commit stamped into the binary
// at build time, so every report, log and `logstack version` can be traced to
// the exact source it came from.
package buildinfo

import "runtime/debug"

// Version and Commit are set with -ldflags "-X ...". When they are not, the
// commit falls back to the VCS stamp Go records in the binary.
var (
	Version = "dev"
	Commit  = ""
)

// CommitOrVCS returns Commit or, when unset, the vcs.revision (with a
// "-dirty" suffix for modified trees) that `go build` stamped.
func CommitOrVCS() string {
	if Commit != "" {
		return Commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "unknown", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}
