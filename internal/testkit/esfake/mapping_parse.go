package esfake

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
)

// parseMappings reads a "mappings" object of a template or create-index
// body. A single "_doc" type wrapper (7.x include_type_name bodies) is
// unwrapped.
func parseMappings(raw any) (*mapping, *esError) {
	m := newMapping()
	obj, ok := raw.(map[string]any)
	if raw == nil {
		return m, nil
	}
	if !ok {
		return nil, newErr("mapper_parsing_exception", "Failed to parse mapping: mappings must be an object")
	}
	if inner, ok := obj["_doc"].(map[string]any); ok && len(obj) == 1 {
		obj = inner
	}
	for k, v := range obj {
		if err := m.parseRootKey(k, v); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *mapping) parseRootKey(k string, v any) *esError {
	switch k {
	case "properties":
		props, ok := v.(map[string]any)
		if !ok {
			return newErr("mapper_parsing_exception", "Failed to parse mapping: properties must be an object")
		}
		return m.parseProperties("", props)
	case "dynamic":
		d, err := dynamicSetting(v)
		if err != nil {
			return err
		}
		m.dynamic = d
	case "date_detection", "numeric_detection":
		b, ok := boolValue(v)
		if !ok {
			return newErr("mapper_parsing_exception", "Failed to parse mapping: [%s] must be a boolean", k)
		}
		if k == "date_detection" {
			m.dateDetection = &b
		} else {
			m.numericDetection = &b
		}
	case "dynamic_templates":
		ts, err := parseDynamicTemplates(v)
		if err != nil {
			return err
		}
		m.templates = ts
	default:
		m.extra[k] = v
	}
	return nil
}

func (m *mapping) parseProperties(prefix string, props map[string]any) *esError {
	for name, raw := range props {
		if name == "" {
			return newErr("mapper_parsing_exception", "Failed to parse mapping: field name cannot be an empty string")
		}
		def, ok := raw.(map[string]any)
		if !ok {
			return newErr("mapper_parsing_exception", "Expected map for property [fields] on field [%s] but got a %T", name, raw)
		}
		path := joinPath(prefix, name)
		m.registerParents(path)
		if err := m.parseField(path, def); err != nil {
			return err
		}
	}
	return nil
}

// registerParents maps every dotted prefix of path as an object, the way
// a dotted field name means nested objects.
func (m *mapping) registerParents(path string) {
	for i := 0; i < len(path); i++ {
		if path[i] == '.' && m.fields[path[:i]] == nil {
			m.fields[path[:i]] = &fieldType{Type: "object"}
		}
	}
}

func (m *mapping) parseField(path string, def map[string]any) *esError {
	typ, _ := def["type"].(string)
	props, _ := def["properties"].(map[string]any)
	if typ == "" || typ == "object" || typ == "nested" {
		if typ == "" {
			typ = "object"
		}
		f := &fieldType{Type: typ, params: without(def, "properties", "type"), Disabled: isFalse(def["enabled"])}
		if d, ok := def["dynamic"]; ok {
			s, err := dynamicSetting(d)
			if err != nil {
				return err
			}
			f.Dynamic = s
		}
		m.fields[path] = f
		return m.parseProperties(path, props)
	}
	f, err := parseLeaf(path, typ, def)
	if err != nil {
		return err
	}
	m.fields[path] = f
	return nil
}

// parseLeaf builds a leaf field (or multi-field) definition.
func parseLeaf(path, typ string, def map[string]any) (*fieldType, *esError) {
	if _, ok := typeKinds[typ]; !ok {
		return nil, newErr("mapper_parsing_exception", "No handler for type [%s] declared on field [%s]", typ, lastSeg(path))
	}
	f := &fieldType{Type: typ, params: without(def, "type", "fields")}
	f.Format, _ = def["format"].(string)
	if v, ok := def["ignore_above"]; ok {
		n, ok := intValue(v)
		if !ok {
			return nil, newErr("mapper_parsing_exception", "Failed to parse mapping: [ignore_above] on field [%s] must be a number", path)
		}
		f.IgnoreAbove = n
	}
	f.IgnoreMalformed, _ = boolValue(def["ignore_malformed"])
	f.NotIndexed = isFalse(def["index"])
	f.NoDocValues = isFalse(def["doc_values"]) || f.kind() == kindText
	f.Disabled = isFalse(def["enabled"])
	if subs, ok := def["fields"].(map[string]any); ok {
		f.Fields = map[string]*fieldType{}
		for n, raw := range subs {
			sd, ok := raw.(map[string]any)
			if !ok {
				return nil, newErr("mapper_parsing_exception", "Expected map for multi-field [%s] of [%s]", n, path)
			}
			st, _ := sd["type"].(string)
			sf, err := parseLeaf(path+"."+n, st, sd)
			if err != nil {
				return nil, err
			}
			f.Fields[n] = sf
		}
	}
	return f, nil
}

func dynamicSetting(v any) (string, *esError) {
	switch d := v.(type) {
	case bool:
		return strconv.FormatBool(d), nil
	case string:
		switch d {
		case "true", "false", "strict", "runtime":
			return d, nil
		}
	}
	return "", newErr("mapper_parsing_exception", "Failed to parse mapping: unknown value [%v] for [dynamic]", v)
}

func without(m map[string]any, keys ...string) map[string]any {
	c := maps.Clone(m)
	for _, k := range keys {
		delete(c, k)
	}
	return c
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func lastSeg(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[i+1:]
		}
	}
	return path
}

// isFalse reports whether a mapping parameter is set to false.
func isFalse(v any) bool {
	b, ok := boolValue(v)
	return ok && !b
}

// boolValue reads a JSON boolean or its string form.
func boolValue(v any) (bool, bool) {
	switch b := v.(type) {
	case bool:
		return b, true
	case string:
		p, err := strconv.ParseBool(b)
		return p, err == nil
	}
	return false, false
}

// intValue reads a JSON number or its string form as an int.
func intValue(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := strconv.Atoi(string(n))
		return i, err == nil
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	case float64:
		return int(n), true
	case int:
		return n, true
	}
	return 0, false
}

// floatValue reads a JSON number or its string form.
func floatValue(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

// stringValue renders a scalar the way a keyword field indexes it.
func stringValue(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case json.Number:
		return string(s), true
	case bool:
		return strconv.FormatBool(s), true
	case float64:
		return strconv.FormatFloat(s, 'f', -1, 64), true
	}
	return fmt.Sprint(v), false
}
