package esfake

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// analyzer turns a text value into its tokens.
type analyzer func(string) []string

// analysis resolves the analyzers of one index: the built-in ones and the
// custom ones its settings define under index.analysis (tokenizers
// standard, whitespace, keyword, letter, pattern; filters lowercase,
// uppercase, truncate, trim).
type analysis struct {
	settings map[string]any // flattened index settings
	cache    map[string]analyzer
}

func newAnalysis(settings map[string]any) *analysis {
	return &analysis{settings: settings, cache: map[string]analyzer{}}
}

// forField returns the analyzer a text field's values are indexed with
// (search false) or its queries are analysed with (search true).
func (a *analysis) forField(f *fieldType, search bool) (analyzer, *esError) {
	name, _ := f.params["analyzer"].(string)
	if search {
		if s, ok := f.params["search_analyzer"].(string); ok {
			name = s
		}
	}
	if name == "" {
		name = "standard"
	}
	return a.get(name)
}

func (a *analysis) get(name string) (analyzer, *esError) {
	if an, ok := a.cache[name]; ok {
		return an, nil
	}
	an, err := a.build(name)
	if err != nil {
		return nil, err
	}
	a.cache[name] = an
	return an, nil
}

func (a *analysis) build(name string) (analyzer, *esError) {
	prefix := "analysis.analyzer." + name + "."
	typ, _ := a.settings[prefix+"type"].(string)
	if typ == "" && a.settings[prefix+"tokenizer"] == nil {
		switch name {
		case "standard", "default":
			return analyze, nil
		case "simple":
			return chain(letterTokens, lowercase), nil
		case "whitespace":
			return strings.Fields, nil
		case "keyword":
			return func(s string) []string { return []string{s} }, nil
		}
		return nil, newErr("mapper_parsing_exception", "Failed to parse mapping: analyzer [%s] has not been configured in mappings", name)
	}
	if typ == "standard" {
		return analyze, nil
	}
	if typ == "pattern" {
		re, err := a.pattern(prefix, `\W+`)
		if err != nil {
			return nil, err
		}
		return chain(splitter(re), lowercase), nil
	}
	tok, err := a.tokenizer(stringOf(a.settings[prefix+"tokenizer"]))
	if err != nil {
		return nil, err
	}
	steps := []func([]string) []string{}
	for _, fname := range stringList(a.settings[prefix+"filter"]) {
		f, err := a.filter(fname)
		if err != nil {
			return nil, err
		}
		steps = append(steps, f)
	}
	return chain(tok, steps...), nil
}

func (a *analysis) tokenizer(name string) (analyzer, *esError) {
	prefix := "analysis.tokenizer." + name + "."
	typ, _ := a.settings[prefix+"type"].(string)
	if typ == "" {
		typ = name
	}
	switch typ {
	case "standard", "":
		return func(s string) []string { return splitWords(s) }, nil
	case "whitespace":
		return strings.Fields, nil
	case "keyword":
		return func(s string) []string { return []string{s} }, nil
	case "letter":
		return letterTokens, nil
	case "lowercase":
		return chain(letterTokens, lowercase), nil
	case "pattern":
		re, err := a.pattern(prefix, `\W+`)
		if err != nil {
			return nil, err
		}
		return splitter(re), nil
	}
	return nil, newErr("illegal_argument_exception", "esfake: tokenizer [%s] of type [%s] is not implemented", name, typ)
}

func (a *analysis) filter(name string) (func([]string) []string, *esError) {
	prefix := "analysis.filter." + name + "."
	typ, _ := a.settings[prefix+"type"].(string)
	if typ == "" {
		typ = name
	}
	switch typ {
	case "lowercase":
		return lowercase, nil
	case "uppercase":
		return mapTokens(strings.ToUpper), nil
	case "trim":
		return mapTokens(strings.TrimSpace), nil
	case "truncate":
		n, ok := intValue(a.settings[prefix+"length"])
		if !ok {
			n = 10
		}
		return mapTokens(func(s string) string { return truncateRunes(s, n) }), nil
	}
	return nil, newErr("illegal_argument_exception", "esfake: token filter [%s] of type [%s] is not implemented", name, typ)
}

// pattern compiles a pattern tokenizer's or analyzer's "pattern" (Java
// syntax; the RE2 subset is understood).
func (a *analysis) pattern(prefix, def string) (*regexp.Regexp, *esError) {
	p, ok := a.settings[prefix+"pattern"].(string)
	if !ok {
		p = def
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, newErr("illegal_argument_exception", "esfake: pattern [%s] is not understood: %v", p, err)
	}
	return re, nil
}

func stringOf(v any) string { s, _ := v.(string); return s }

func chain(tok analyzer, steps ...func([]string) []string) analyzer {
	return func(s string) []string {
		toks := tok(s)
		for _, f := range steps {
			toks = f(toks)
		}
		return toks
	}
}

// splitter tokenizes by splitting on matches of re, dropping empty tokens.
func splitter(re *regexp.Regexp) analyzer {
	return func(s string) []string {
		var out []string
		for _, t := range re.Split(s, -1) {
			if t != "" {
				out = append(out, t)
			}
		}
		return out
	}
}

func letterTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

func lowercase(toks []string) []string { return mapTokens(strings.ToLower)(toks) }

func mapTokens(f func(string) string) func([]string) []string {
	return func(toks []string) []string {
		for i, t := range toks {
			toks[i] = f(t)
		}
		return toks
	}
}

func truncateRunes(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// validateAnalysis checks, as index creation and template validation do,
// that every analyzer the settings define can be built and every text
// field's analyzers exist.
func validateAnalysis(settings map[string]any, m *mapping) *esError {
	a := newAnalysis(settings)
	for k := range settings {
		if rest, ok := strings.CutPrefix(k, "analysis.analyzer."); ok {
			name, _, _ := strings.Cut(rest, ".")
			if _, err := a.get(name); err != nil {
				return err
			}
		}
	}
	for _, f := range m.fields {
		for _, ft := range append([]*fieldType{f}, subFields(f)...) {
			if ft.kind() != kindText {
				continue
			}
			for _, search := range []bool{false, true} {
				if _, err := a.forField(ft, search); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func subFields(f *fieldType) []*fieldType {
	var out []*fieldType
	for _, s := range f.Fields {
		out = append(out, s)
	}
	return out
}

// normalizer is what a wildcard or prefix pattern on a text field goes
// through: the multi-term-aware filters of the field's search analyzer
// (lowercase, uppercase), not its tokenizer.
func (a *analysis) normalizer(f *fieldType) func(string) string {
	name, _ := f.params["analyzer"].(string)
	if s, ok := f.params["search_analyzer"].(string); ok {
		name = s
	}
	prefix := "analysis.analyzer." + name + "."
	typ, _ := a.settings[prefix+"type"].(string)
	if name == "" || typ == "standard" || typ == "pattern" || typ == "" && a.settings[prefix+"tokenizer"] == nil && (name == "standard" || name == "simple") {
		return strings.ToLower
	}
	norm := func(s string) string { return s }
	for _, fname := range stringList(a.settings[prefix+"filter"]) {
		ftyp, _ := a.settings["analysis.filter."+fname+".type"].(string)
		if ftyp == "" {
			ftyp = fname
		}
		prev := norm
		switch ftyp {
		case "lowercase":
			norm = func(s string) string { return strings.ToLower(prev(s)) }
		case "uppercase":
			norm = func(s string) string { return strings.ToUpper(prev(s)) }
		}
	}
	return norm
}
