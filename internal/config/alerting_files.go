package config

import (
	"maps"
	"reflect"
	"slices"
	"strings"
)

// readAlertingFiles fills every alerting secret from its <key>_file
// sibling (a notifier's url_file, password_file, ..., deadman.url_file),
// so the alerter only ever reads the Secret fields, and makes an email
// notifier's ca_file absolute (relative to the base config file).
func readAlertingFiles(c *Config) []error {
	a := &c.Alerting
	var probs []error
	for _, name := range slices.Sorted(maps.Keys(a.Notifiers)) {
		n := a.Notifiers[name]
		if v, ok := n.variant(); ok && !v.IsNil() {
			probs = append(probs, readSecretFiles(c, "alerting.notifiers."+name, v.Elem())...)
		}
		if n.Email != nil {
			n.Email.CAFile = c.AbsPath(n.Email.CAFile)
		}
	}
	return append(probs, readSecretFiles(c, "alerting.deadman", reflect.ValueOf(&a.Deadman).Elem())...)
}

// readSecretFiles reads, for every Secret field K of struct s that has a
// string field K_file, the file into the Secret. Setting both is an error,
// as is a file that is not exactly one non-empty line.
func readSecretFiles(c *Config, path string, s reflect.Value) []error {
	var probs []error
	fields := fieldsOf(s.Type())
	for _, key := range fields.names {
		secret := s.Field(fields.index[key])
		fi, ok := fields.index[key+"_file"]
		if secret.Type() != secretType || !ok || s.Field(fi).String() == "" {
			continue
		}
		sub := joinPath(path, key)
		if secret.String() != "" {
			probs = append(probs, c.problem(sub+"_file", errorf(ErrInvalid, "set only one of %s and %s_file", key, key)))
			continue
		}
		val, err := readSecretFile(c.AbsPath(s.Field(fi).String()))
		if err != nil {
			probs = append(probs, c.problem(sub+"_file", err))
			continue
		}
		secret.SetString(val)
	}
	return probs
}

// readSecretFile returns the one line a secret file holds.
func readSecretFile(path string) (string, error) {
	raw, err := readFile(path)
	if err != nil {
		return "", errorf(ErrInvalid, "cannot read file: %v", err)
	}
	val := strings.TrimSpace(string(raw))
	if val == "" || strings.ContainsAny(val, "\r\n") {
		return "", errorf(ErrInvalid, "file must hold exactly one non-empty line")
	}
	return val, nil
}
