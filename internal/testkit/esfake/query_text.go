package esfake

import "strings"

// matchQuery compiles match (operator or/and) and match_phrase: analysed
// tokens for text fields, the whole value for keyword, a term otherwise.
func (c *compiler) matchQuery(f *fieldType, field string, p map[string]any, phrase bool) (pred, *httpError) {
	q, ok := p["query"]
	if !ok || q == nil {
		return nil, parsingError("No text specified for text query")
	}
	if f.kind() != kindText {
		if f.kind() == kindKeyword {
			return c.termPred(f, field, q, false)
		}
		pr, he := c.termPred(f, field, q, false)
		if he != nil && boolTrue(p["lenient"]) {
			return matchNone, nil
		}
		return pr, he
	}
	s, _ := stringValue(q)
	idx, search, he := c.analyzers(f)
	if he != nil {
		return nil, he
	}
	toks := search(s)
	if len(toks) == 0 {
		if z, _ := p["zero_terms_query"].(string); strings.EqualFold(z, "all") {
			return matchAll, nil
		}
		return matchNone, nil
	}
	if phrase {
		return anyValue(field, func(x any) bool { return containsPhrase(idx(asStr(x)), toks) }), nil
	}
	op, _ := p["operator"].(string)
	and := strings.EqualFold(op, "and")
	return func(d *document) bool {
		have := map[string]bool{}
		for _, v := range d.fields[field] {
			for _, t := range idx(asStr(v)) {
				have[t] = true
			}
		}
		for _, t := range toks {
			if have[t] != and {
				return !and
			}
		}
		return and
	}, nil
}

func boolTrue(v any) bool { b, _ := boolValue(v); return b }

func containsPhrase(toks, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(toks); i++ {
		ok := true
		for j := range phrase {
			if toks[i+j] != phrase[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// patternQuery compiles wildcard and prefix: on the whole value of keyword
// fields, on each token of text fields (the pattern lowercased, as the
// standard analyzer's normalizer does).
func (c *compiler) patternQuery(f *fieldType, field string, v any, ci bool, typ string, match func(value, pattern string) bool) (pred, *httpError) {
	pattern, ok := v.(string)
	if !ok {
		return nil, parsingError("[%s] query requires a string value", typ)
	}
	fold := func(s string) string { return s }
	if ci {
		fold = strings.ToLower
	}
	switch f.kind() {
	case kindKeyword:
		pat := fold(pattern)
		return anyValue(field, func(x any) bool { return match(fold(asStr(x)), pat) }), nil
	case kindText:
		pat := strings.ToLower(pattern)
		if c.an != nil {
			pat = fold(c.an.normalizer(f)(pattern))
		}
		idx, _, he := c.analyzers(f)
		if he != nil {
			return nil, he
		}
		return anyValue(field, func(x any) bool {
			for _, tok := range idx(asStr(x)) {
				if match(fold(tok), pat) {
					return true
				}
			}
			return false
		}), nil
	}
	return nil, shardError("Can only use %s queries on keyword and text fields - not on [%s] which is of type [%s]", typ, field, f.Type)
}
