package config

import (
	"fmt"
	"slices"
	"strings"
)

// Keys returns every API key a accepts: APIKeys, then each non-empty,
// trimmed line of every APIKeyFiles file (lines starting with # are
// comments), with relative paths resolved by
// abs (pass Config.AbsPath; nil leaves paths as they are). A file without
// any key is an error, so that a truncated file cannot silently lock every
// client out. Errors name the file, never a key.
func (a Auth) Keys(abs func(string) string) ([]Secret, error) {
	keys := slices.Clone(a.APIKeys)
	for _, f := range a.APIKeyFiles {
		if abs != nil {
			f = abs(f)
		}
		raw, err := readFile(f)
		if err != nil {
			return nil, fmt.Errorf("read api key file: %w", err)
		}
		n := 0
		for line := range strings.Lines(string(raw)) {
			if k := strings.TrimSpace(line); k != "" && !strings.HasPrefix(k, "#") {
				keys = append(keys, Secret(k))
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("api key file %s holds no key", f)
		}
	}
	return keys, nil
}
