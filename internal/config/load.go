package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

const (
	// DefaultPath is the base config file read when no path is given; it
	// may be absent.
	DefaultPath = "logstack.yaml"
	// DefaultEnv is the environment selected when neither --env nor
	// LOGSTACK_ENV names one; its overlay may be absent.
	DefaultEnv = "default"
	// EnvVar names the environment variable that selects the environment
	// when LoadOptions.Env is empty.
	EnvVar = "LOGSTACK_ENV"
	// maxFileBytes bounds a config file, which is never legitimately large.
	maxFileBytes = 1 << 20
)

// envNameRE keeps environment names to plain file names, so --env cannot
// point outside environments/.
var envNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// LoadOptions says which files to read and where ${VAR} values come from.
type LoadOptions struct {
	// Path is the base config file; empty means DefaultPath.
	Path string
	// PathExplicit makes a missing Path an error (the user named it);
	// otherwise a missing base file means "all defaults".
	PathExplicit bool
	// Env selects environments/<Env>.yaml; empty means $LOGSTACK_ENV, then
	// DefaultEnv.
	Env string
	// LookupEnv reads the process environment; nil means os.LookupEnv.
	LookupEnv func(string) (string, bool)
}

// Load reads the base file and the selected environment's overlay, merges
// them over Default(), replaces tokens and validates the result. It returns
// every problem at once, joined; each is a *Problem with its file and line.
// The Config is nil whenever the error is not.
func Load(opts LoadOptions) (*Config, error) {
	lookup := opts.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	path := opts.Path
	if path == "" {
		path = DefaultPath
	}
	var probs []error
	add := func(ps ...error) { probs = append(probs, ps...) }

	env := selectEnv(opts.Env, lookup)
	base, err := readSource(path, opts.PathExplicit)
	add(err...)
	var overlay *source
	if !envNameRE.MatchString(env) || strings.Contains(env, "..") {
		add(&Problem{Path: "env", Err: errorf(ErrInvalid, "invalid environment name %q: use letters, digits, '_', '.' and '-'", env)})
	} else {
		overlay, err = readSource(overlayPath(path, env), env != DefaultEnv)
		add(err...)
	}

	cfg := Default()
	cfg.origins = map[string]origin{}
	add(decodeAll(cfg, lookup, base, overlay)...)
	cfg.Env = env
	cfg.baseDir = absDir(path)
	if base != nil {
		cfg.baseFile = path
	}
	files := append(append(readTokenFile(cfg), readS3Files(cfg)...), readAlertingFiles(cfg)...)
	add(unrelated(append(files, cfg.problems()...), probs)...)
	if len(probs) > 0 {
		return nil, errors.Join(probs...)
	}
	return cfg, nil
}

// unrelated drops checks (token file, Validate) of a setting that already
// has a decoding problem, or lies inside or around one: the value checked is
// then a default, and the report would only add noise.
func unrelated(checks, decoded []error) []error {
	var out []error
	for _, c := range checks {
		cp, ok := c.(*Problem)
		if ok && slices.ContainsFunc(decoded, func(e error) bool {
			dp, ok := e.(*Problem)
			return ok && related(cp.Path, dp.Path)
		}) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// related reports whether one dotted path equals or contains the other.
func related(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || (strings.HasPrefix(b, a) && (b[len(a)] == '.' || b[len(a)] == '['))
}

// selectEnv picks the environment: the option, then $LOGSTACK_ENV, then
// DefaultEnv.
func selectEnv(env string, lookup func(string) (string, bool)) string {
	if env != "" {
		return env
	}
	if v, ok := lookup(EnvVar); ok && v != "" {
		return v
	}
	return DefaultEnv
}

// overlayPath is environments/<env>.yaml next to the base file.
func overlayPath(base, env string) string {
	return filepath.Join(filepath.Dir(base), "environments", env+".yaml")
}

// absDir is the absolute directory of path, resolved now so that a later
// chdir does not change what relative paths mean.
func absDir(path string) string {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return ""
	}
	return dir
}

// readSource reads and parses one file. A missing file is a problem only
// when required; otherwise it yields a nil source and no problem.
func readSource(path string, required bool) (*source, []error) {
	raw, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if !required {
			return nil, nil
		}
		return nil, []error{&Problem{File: path, Err: fmt.Errorf("%w: %w", ErrNotFound, err)}}
	}
	if err != nil {
		return nil, []error{&Problem{File: path, Err: err}}
	}
	return parseSource(path, raw)
}

// readFile reads at most maxFileBytes of path.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	if len(raw) > maxFileBytes {
		return nil, fmt.Errorf("%s is larger than %s", path, ByteSize(maxFileBytes))
	}
	return raw, nil
}

// readTokenFile fills queue.token from queue.token_file, so the queue only
// ever reads Token.
func readTokenFile(c *Config) []error {
	q := &c.Queue
	if q.TokenFile == "" {
		return nil
	}
	if q.Token != "" {
		return []error{c.problem("queue.token_file", errorf(ErrInvalid, "set only one of queue.token and queue.token_file"))}
	}
	raw, err := readFile(c.AbsPath(q.TokenFile))
	if err != nil {
		return []error{c.problem("queue.token_file", errorf(ErrInvalid, "cannot read token file: %v", err))}
	}
	tok := strings.TrimSpace(string(raw))
	if tok == "" || strings.ContainsAny(tok, "\r\n") {
		return []error{c.problem("queue.token_file", errorf(ErrInvalid, "token file must hold exactly one non-empty line"))}
	}
	q.Token = Secret(tok)
	return nil
}

// problem builds a Problem for the setting at path, located where the
// files last set it, or else its closest enclosing section that a file set
// (a column without a type points at its list item); defaults that no file
// touched have no location.
func (c *Config) problem(path string, err error) *Problem {
	p := &Problem{Path: path, Err: err}
	for at := path; at != ""; at = parentPath(at) {
		if o, ok := c.origins[at]; ok {
			p.File, p.Line, p.Col = o.file, o.line, o.col
			break
		}
	}
	return p
}

// parentPath drops the last key or index of a dotted path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}
