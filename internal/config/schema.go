package config

import (
	"github.com/logstack/logstack/internal/yamlsrc"

	"reflect"
	"strings"
	"sync"
)

// structFields maps a struct's yaml keys to field indexes.
type structFields struct {
	index map[string]int
	names []string
}

var fieldCache sync.Map // reflect.Type -> *structFields

// fieldsOf returns the yaml keys of struct type t; unexported fields and
// fields without a yaml tag are not keys.
func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{index: map[string]int{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if !sf.IsExported() || name == "" || name == "-" {
			continue
		}
		f.index[name] = i
		f.names = append(f.names, name)
	}
	fieldCache.Store(t, f)
	return f
}

// suggest returns the known key closest to key when it is a likely typo.
func suggest(key string, known []string) string {
	best, bestDist := "", 3
	if len(key) <= 3 {
		bestDist = 2
	}
	for _, k := range known {
		if d := yamlsrc.EditDistance(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}
