package esfake

import (
	"encoding/json"
	"regexp"
	"strings"
)

// dynamicTemplate is one entry of dynamic_templates.
type dynamicTemplate struct {
	name                   string
	matchMappingType       []string
	match, unmatch         []string
	pathMatch, pathUnmatch []string
	regex                  bool
	mapping                map[string]any
	raw                    map[string]any
}

func parseDynamicTemplates(v any) ([]dynamicTemplate, *esError) {
	list, ok := v.([]any)
	if !ok {
		return nil, newErr("mapper_parsing_exception", "Failed to parse mapping: dynamic_templates must be an array")
	}
	var out []dynamicTemplate
	for _, item := range list {
		obj, ok := item.(map[string]any)
		if !ok || len(obj) != 1 {
			return nil, newErr("mapper_parsing_exception", "Failed to parse mapping: a dynamic template must be an object with one named entry")
		}
		for name, body := range obj {
			def, ok := body.(map[string]any)
			if !ok {
				return nil, newErr("mapper_parsing_exception", "Failed to parse mapping: dynamic template [%s] must be an object", name)
			}
			t, err := parseDynamicTemplate(name, def)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

func parseDynamicTemplate(name string, def map[string]any) (dynamicTemplate, *esError) {
	t := dynamicTemplate{name: name, raw: def,
		matchMappingType: stringList(def["match_mapping_type"]),
		match:            stringList(def["match"]), unmatch: stringList(def["unmatch"]),
		pathMatch: stringList(def["path_match"]), pathUnmatch: stringList(def["path_unmatch"]),
		regex: def["match_pattern"] == "regex",
	}
	for _, mt := range t.matchMappingType {
		switch mt {
		case "*", "string", "long", "double", "boolean", "date", "object", "binary":
		default:
			return t, newErr("mapper_parsing_exception", "Failed to parse mapping: No field type matched on [%s], possible values are [object, string, long, double, boolean, date, binary]", mt)
		}
	}
	m, ok := def["mapping"].(map[string]any)
	if !ok {
		return t, newErr("mapper_parsing_exception", "Failed to parse mapping: dynamic template [%s] must have a mapping", name)
	}
	if typ, ok := m["type"].(string); ok && !strings.Contains(typ, "{") {
		if _, known := typeKinds[typ]; !known {
			return t, newErr("mapper_parsing_exception", "Failed to parse mapping: No mapper found for type [%s]", typ)
		}
	}
	t.mapping = m
	return t, nil
}

func stringList(v any) []string {
	switch s := v.(type) {
	case string:
		return []string{s}
	case []any:
		var out []string
		for _, e := range s {
			if str, ok := e.(string); ok {
				out = append(out, str)
			}
		}
		return out
	}
	return nil
}

// matches reports whether t applies to a new field at path whose value
// was detected as mappingType.
func (t dynamicTemplate) matches(path, mappingType string) bool {
	if len(t.matchMappingType) > 0 && !contains(t.matchMappingType, "*") && !contains(t.matchMappingType, mappingType) {
		return false
	}
	name := lastSeg(path)
	return t.anyMatch(t.match, name, true) && !t.anyMatch(t.unmatch, name, false) &&
		t.anyMatch(t.pathMatch, path, true) && !t.anyMatch(t.pathUnmatch, path, false)
}

// anyMatch reports whether s matches one of patterns (ifEmpty when none).
func (t dynamicTemplate) anyMatch(patterns []string, s string, ifEmpty bool) bool {
	if len(patterns) == 0 {
		return ifEmpty
	}
	for _, p := range patterns {
		if t.regex {
			if re, err := regexp.Compile(p); err == nil && re.MatchString(s) {
				return true
			}
		} else if simpleMatch(p, s) {
			return true
		}
	}
	return false
}

// field builds the field t maps a new field at path to.
func (t dynamicTemplate) field(path, mappingType string) (*fieldType, *esError) {
	def := substitute(t.mapping, lastSeg(path), dynamicTypeName(mappingType)).(map[string]any)
	typ, _ := def["type"].(string)
	if typ == "" {
		typ = defaultDynamicType(mappingType)
	}
	return parseLeaf(path, typ, def)
}

func substitute(v any, name, dynType string) any {
	switch x := v.(type) {
	case string:
		return strings.ReplaceAll(strings.ReplaceAll(x, "{name}", name), "{dynamic_type}", dynType)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = substitute(e, name, dynType)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = substitute(e, name, dynType)
		}
		return out
	}
	return v
}

func dynamicTypeName(mappingType string) string {
	if mappingType == "string" {
		return "text"
	}
	return defaultDynamicType(mappingType)
}

func defaultDynamicType(mappingType string) string {
	switch mappingType {
	case "long":
		return "long"
	case "double":
		return "float"
	case "boolean":
		return "boolean"
	case "date":
		return "date"
	case "binary":
		return "binary"
	}
	return "text"
}

// detectType names the dynamic type of a new leaf value, as
// match_mapping_type sees it.
func (m *mapping) detectType(v any) string {
	switch x := v.(type) {
	case bool:
		return "boolean"
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			return "double"
		}
		return "long"
	case string:
		if m.dateDetection == nil || *m.dateDetection {
			if _, ok := parseISO(x, true); ok {
				return "date"
			}
		}
		if m.numericDetection != nil && *m.numericDetection {
			if _, ok := floatValue(x); ok {
				return m.detectType(json.Number(x))
			}
		}
	}
	return "string"
}

// dynamicField maps a new leaf at path: the first matching dynamic
// template, else the default (strings text with a keyword multi-field
// ignoring values above 256 characters).
func (m *mapping) dynamicField(path string, v any) (*fieldType, *esError) {
	mt := m.detectType(v)
	for _, t := range m.templates {
		if t.matches(path, mt) {
			return t.field(path, mt)
		}
	}
	if mt == "string" {
		kw := &fieldType{Type: "keyword", IgnoreAbove: 256, params: map[string]any{"ignore_above": 256}}
		return &fieldType{Type: "text", Fields: map[string]*fieldType{"keyword": kw}}, nil
	}
	return &fieldType{Type: defaultDynamicType(mt)}, nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// simpleMatch matches s against a pattern where '*' is any run of
// characters (Elasticsearch's Regex.simpleMatch, used for index and
// template patterns).
func simpleMatch(pattern, s string) bool {
	if !strings.ContainsAny(pattern, "?\\") {
		return globMatch(pattern, s)
	}
	return globMatch(strings.NewReplacer("?", "\\?", "\\", "\\\\").Replace(pattern), s)
}
