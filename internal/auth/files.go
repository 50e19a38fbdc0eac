package auth

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// LoadFiles reads API keys from files holding one key per line, so that keys
// can be mounted as secrets and rotated without touching the configuration.
// Blank lines and lines starting with "#" are skipped. Errors name the file
// but never its content.
func LoadFiles(paths []string) ([]string, error) {
	var keys []string
	for _, p := range paths {
		got, err := loadFile(p)
		if err != nil {
			return nil, err
		}
		keys = append(keys, got...)
	}
	return keys, nil
}

func loadFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("api key file: %w", err)
	}
	defer f.Close()
	var keys []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		keys = append(keys, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("api key file %s: %w", path, err)
	}
	return keys, nil
}
