package config

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestAuthKeys(t *testing.T) {
	cfg, err, dir := loadFiles(t, map[string]string{
		"logstack.yaml": "inputs:\n  http:\n    auth:\n      api_keys: ['${K}']\n      api_key_files: [keys/a.keys, keys/b.keys]\n",
		"keys/a.keys":   "# rotated 2026-11\nkey-a1\r\n\n  key-a2  \n",
		"keys/b.keys":   "key-b1",
		"keys/empty":    "\n \n",
	}, "", map[string]string{"K": "key-env"})
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Inputs.HTTP.Auth
	if !a.Enabled() || cfg.Inputs.Bulk.Auth.Enabled() {
		t.Errorf("Enabled: http %v bulk %v", a.Enabled(), cfg.Inputs.Bulk.Auth.Enabled())
	}
	keys, err := a.Keys(cfg.AbsPath)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Secret{"key-env", "key-a1", "key-a2", "key-b1"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %q, want %q", keys, want)
	}

	for _, files := range [][]string{{"keys/missing"}, {"keys/empty"}} {
		_, err := Auth{APIKeyFiles: files}.Keys(cfg.AbsPath)
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, files[0])) {
			t.Errorf("Keys(%v) err = %v, want one naming the file", files, err)
		}
	}
}
