package esfake

import (
	"maps"
	"sort"
	"strings"
)

// composableTemplate is a PUT _index_template body.
type composableTemplate struct {
	name       string
	patterns   []string
	priority   int
	settings   map[string]any
	mapping    *mapping
	dataStream bool
	body       map[string]any
}

// legacyTemplate is a PUT _template body.
type legacyTemplate struct {
	name     string
	patterns []string
	order    int
	settings map[string]any
	mapping  *mapping
	body     map[string]any
}

func parsePatterns(v any) []string {
	var out []string
	for _, p := range stringList(v) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseComposable(name string, body map[string]any) (*composableTemplate, *esError) {
	t := &composableTemplate{name: name, patterns: parsePatterns(body["index_patterns"]), body: body}
	if len(t.patterns) == 0 {
		return nil, newErr("action_request_validation_exception", "Validation Failed: 1: index patterns are missing;")
	}
	if parts := stringList(body["composed_of"]); len(parts) > 0 {
		return nil, newErr("illegal_argument_exception",
			"index template [%s] specifies component templates %s that do not exist", name, bracketList(parts))
	}
	if p, ok := body["priority"]; ok {
		n, ok := intValue(p)
		if !ok || n < 0 {
			return nil, newErr("x_content_parse_exception", "[index_template] failed to parse field [priority]")
		}
		t.priority = n
	}
	_, t.dataStream = body["data_stream"].(map[string]any)
	tmpl, _ := body["template"].(map[string]any)
	m, err := parseMappings(tmpl["mappings"])
	if err != nil {
		return nil, err
	}
	t.mapping, t.settings = m, flattenSettings(tmpl["settings"])
	if err := validateAnalysis(t.settings, t.mapping); err != nil {
		return nil, err
	}
	return t, nil
}

func parseLegacy(name string, body map[string]any) (*legacyTemplate, *esError) {
	t := &legacyTemplate{name: name, patterns: parsePatterns(body["index_patterns"]), body: body}
	if len(t.patterns) == 0 {
		return nil, newErr("action_request_validation_exception", "Validation Failed: 1: index patterns are missing;")
	}
	if o, ok := body["order"]; ok {
		n, ok := intValue(o)
		if !ok {
			return nil, newErr("illegal_argument_exception", "malformed order value [%v]", o)
		}
		t.order = n
	}
	m, err := parseMappings(body["mappings"])
	if err != nil {
		return nil, err
	}
	t.mapping, t.settings = m, flattenSettings(body["settings"])
	if err := validateAnalysis(t.settings, t.mapping); err != nil {
		return nil, err
	}
	return t, nil
}

// overlapConflict names an existing composable template with the same
// priority whose patterns overlap t's, which the real server refuses.
func (s *Server) overlapConflict(t *composableTemplate) *esError {
	for _, o := range sortedKeys(s.composable) {
		other := s.composable[o]
		if other.name == t.name || other.priority != t.priority || !patternsOverlap(t.patterns, other.patterns) {
			continue
		}
		return newErr("illegal_argument_exception",
			"index template [%s] has index patterns %s matching patterns from existing templates [%s] with patterns (%s => %s) that have the same priority [%d], multiple index templates may not match during index creation, please use a different priority",
			t.name, bracketList(t.patterns), other.name, other.name, bracketList(other.patterns), t.priority)
	}
	return nil
}

// patternsOverlap approximates whether two pattern lists can match one
// name: a literal matched by the other's pattern, or wildcard patterns whose
// literal prefixes agree.
func patternsOverlap(a, b []string) bool {
	for _, p := range a {
		for _, q := range b {
			pw, qw := strings.Contains(p, "*"), strings.Contains(q, "*")
			switch {
			case !pw:
				if simpleMatch(q, p) {
					return true
				}
			case !qw:
				if simpleMatch(p, q) {
					return true
				}
			default:
				pp, _, _ := strings.Cut(p, "*")
				qp, _, _ := strings.Cut(q, "*")
				if strings.HasPrefix(pp, qp) || strings.HasPrefix(qp, pp) {
					return true
				}
			}
		}
	}
	return false
}

// matchingComposable returns the highest-priority composable template
// whose patterns match name, nil when none. The caller holds s.mu.
func (s *Server) matchingComposable(name string) *composableTemplate {
	if !s.ver.composable() {
		return nil
	}
	var best *composableTemplate
	for _, n := range sortedKeys(s.composable) {
		t := s.composable[n]
		if matchesAny(t.patterns, name) && (best == nil || t.priority > best.priority) {
			best = t
		}
	}
	return best
}

// templateFor returns the settings and mapping a new index named name
// starts with: the winning composable template, else every matching
// legacy template merged in ascending order. The caller holds s.mu.
func (s *Server) templateFor(name string) (map[string]any, *mapping) {
	settings, m := map[string]any{}, newMapping()
	if t := s.matchingComposable(name); t != nil {
		maps.Copy(settings, t.settings)
		m.merge(t.mapping.clone())
		return settings, m
	}
	var legacy []*legacyTemplate
	for _, t := range s.legacy {
		if matchesAny(t.patterns, name) {
			legacy = append(legacy, t)
		}
	}
	sort.Slice(legacy, func(i, j int) bool {
		if legacy[i].order != legacy[j].order {
			return legacy[i].order < legacy[j].order
		}
		return legacy[i].name < legacy[j].name
	})
	for _, t := range legacy {
		maps.Copy(settings, t.settings)
		m.merge(t.mapping.clone())
	}
	return settings, m
}

func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if simpleMatch(p, name) {
			return true
		}
	}
	return false
}

func bracketList(items []string) string { return "[" + strings.Join(items, ", ") + "]" }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
