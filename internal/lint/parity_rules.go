package lint

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/logstack/logstack/internal/rule"
)

// ruleUnchecked are the rule fields the parity check leaves out: where the
// rule was loaded from, whom it notifies (environments notify different
// people by design, as with alarm actions), alerter options kept only for
// warnings, the index (one store) and the description.
var ruleUnchecked = map[string]bool{
	"File": true, "Alert": true, "AlerterOptions": true, "Warnings": true, "Index": true, "Description": true,
}

// diffRule lists the loaded settings that differ, every field of the rule
// (after defaults) except ruleUnchecked, named like the rule file's keys.
// Reading the loaded rule rather than the file means a key written out
// with its default value is no difference.
func diffRule(a, b *rule.Rule) []Difference {
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	var out []Difference
	for i := range va.NumField() {
		f := va.Type().Field(i)
		if ruleUnchecked[f.Name] {
			continue
		}
		if sa, sb := render(va.Field(i)), render(vb.Field(i)); sa != sb {
			out = append(out, Difference{Name: a.Name, Field: snake(f.Name), Left: sa, Right: sb})
		}
	}
	return out
}

// rulesByName indexes rules by name.
func rulesByName(rs []*rule.Rule) map[string]*rule.Rule {
	m := make(map[string]*rule.Rule, len(rs))
	for _, r := range rs {
		m[r.Name] = r
	}
	return m
}

// render writes a value for comparison and display: Stringers (durations,
// time zones) by their String, pointers and interfaces by what they point
// to, structs with their type name (an And differs from an Or with the same
// children), maps with sorted keys.
func render(v reflect.Value) string {
	if !v.IsValid() {
		return "none"
	}
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return "none"
	}
	if v.CanInterface() {
		if s, ok := v.Interface().(fmt.Stringer); ok {
			return s.String()
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return render(v.Elem())
	case reflect.Struct:
		parts := make([]string, v.NumField())
		for i := range v.NumField() {
			parts[i] = v.Type().Field(i).Name + ":" + render(v.Field(i))
		}
		return v.Type().Name() + "{" + strings.Join(parts, " ") + "}"
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range v.Len() {
			parts[i] = render(v.Index(i))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.Map:
		parts := make([]string, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			parts = append(parts, render(it.Key())+":"+render(it.Value()))
		}
		slices.Sort(parts)
		return "map[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprint(v)
}

// snake turns a Go field name into the rule file's key style:
// NumEvents -> num_events.
func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
