// Package config loads logstack's configuration so that every component
// starts from one validated, explicit Config and a bad file fails at start-up
// with every problem listed at once, never later at run time.
//
// The configuration is one YAML file (logstack.yaml, every key optional)
// plus an optional overlay, environments/NAME.yaml next to it, selected with
// --env NAME or LOGSTACK_ENV ("default" when neither is given). The overlay is
// deep-merged over the base: mappings merge key by key, lists and scalars
// replace. Scalar values may use two kinds of tokens:
//
//   - ${VAR} and ${VAR:-default} take a value from the process environment
//     (the default applies when VAR is unset or empty); $${ writes a literal ${.
//   - @@KEY@@ takes a value from the top-level vars: map of the base file and
//     the overlay (the overlay wins), so one base file can serve several
//     environments. vars values may use ${VAR} but not @@KEY@@.
//
// Tokens are replaced inside the scalar they belong to, after YAML parsing,
// so a substituted value is never parsed as YAML; it is converted to the
// type of its field (port: ${PORT} gives an integer). @@KEY@@ may be written
// unquoted although '@' is reserved in plain YAML scalars.
//
// Secrets (Secret fields) come only from the environment or from files: in
// the file a secret is written as ${VAR} (optionally ${VAR:-} to allow it to
// be empty) or given through a *_file key. A Secret prints as <redacted>
// everywhere (fmt, slog, JSON, YAML), and no error message contains one.
//
// Load checks each file against the schema (unknown keys, wrong types,
// unresolved tokens, literal secrets), then runs Validate for the semantic
// checks, and returns every problem joined with errors.Join; each is a
// *Problem that carries the file, line and column it comes from.
package config
