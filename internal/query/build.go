package query

// occur is a juxtaposed clause's Lucene occurrence: optional, required (+)
// or prohibited (-, NOT, !).
type occur int

const (
	should occur = iota
	must
	mustNot
)

func occurOf(k tokenKind) occur {
	switch k {
	case tPlus:
		return must
	case tNot, tMinus:
		return mustNot
	}
	return should
}

// clause is a parsed operand with the prefix operator that governs it.
type clause struct {
	node Node
	occ  occur
}

// logic reads the prefix as plain boolean logic, for operands of AND/OR.
func (c clause) logic() Node {
	if c.occ == mustNot {
		return Not{Node: c.node}
	}
	return c.node
}

// combine applies Lucene's clause semantics to juxtaposed clauses (see
// Parse). implicit reports an Or built under an And or a Not, a nesting
// level that String spells with parentheses.
func combine(cs []clause) (n Node, implicit bool) {
	var req, opt, nots []Node
	for _, c := range cs {
		switch c.occ {
		case must:
			req = append(req, c.node)
		case should:
			opt = append(opt, c.node)
		default:
			nots = append(nots, c.node)
		}
	}
	switch {
	case len(req) > 0:
	case len(opt) > 0:
		req = []Node{mkOr(opt)}
		implicit = len(opt) > 1 && len(nots) > 0
	default:
		return Not{Node: mkOr(nots)}, len(nots) > 1
	}
	for _, n := range nots {
		req = append(req, Not{Node: n})
	}
	return mkAnd(req), implicit
}

// mkAnd builds a flat And: nested Ands are merged, one child collapses.
func mkAnd(nodes []Node) Node {
	var flat []Node
	for _, n := range nodes {
		if a, ok := n.(And); ok {
			flat = append(flat, a.Nodes...)
			continue
		}
		flat = append(flat, n)
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return And{Nodes: flat}
}

// mkOr builds a flat Or: nested Ors are merged, one child collapses.
func mkOr(nodes []Node) Node {
	var flat []Node
	for _, n := range nodes {
		if o, ok := n.(Or); ok {
			flat = append(flat, o.Nodes...)
			continue
		}
		flat = append(flat, n)
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return Or{Nodes: flat}
}

// fielded parses field:value and field:(group).
func (p *parser) fielded() (Node, error) {
	f := p.tok
	if err := p.advance(); err != nil {
		return nil, err
	}
	switch p.tok.kind {
	case tTerm, tPhrase, tRange, tLParen:
	default:
		hint := ""
		if p.tok.kind == tField {
			hint = "; escape ':' in values as '\\:' or quote them"
		}
		return nil, p.unexpected("a value after "+snippet(p.raw(f)), hint)
	}
	if f.hasWild {
		return p.matchAll(f)
	}
	if p.tok.kind == tLParen {
		return p.group(f.text)
	}
	return p.leaf(f.text)
}

// matchAll accepts *:*, the only wildcard field name supported.
func (p *parser) matchAll(f token) (Node, error) {
	if f.wild != "*" || p.tok.kind != tTerm || p.tok.wild != "*" || !p.tok.hasWild {
		return nil, errorf(f.pos, "expected a field name, found wildcard field %s (unsupported; only *:* is)", snippet(p.raw(f)))
	}
	return MatchAll{}, p.advance()
}

// leaf turns the current term, phrase or range into a node on field.
func (p *parser) leaf(field string) (Node, error) {
	n, err := p.build(field, p.tok)
	if err != nil {
		return nil, err
	}
	return n, p.advance()
}

// build turns a term, phrase or range token into a node on field.
func (p *parser) build(field string, t token) (Node, error) {
	if field == existsField {
		return p.exists(t)
	}
	switch t.kind {
	case tRange:
		return p.rangeNode(field, t)
	case tPhrase:
		return Term{Field: field, Value: t.text, Kind: Phrase}, nil
	}
	switch {
	case t.hasWild && t.wild == "*" && field == DefaultField:
		return MatchAll{}, nil
	case t.hasWild && t.wild == "*":
		return Exists{Field: field}, nil
	case t.hasWild:
		return Term{Field: field, Value: t.wild, Kind: Wildcard}, nil
	}
	return Term{Field: field, Value: t.text, Kind: Word}, nil
}

func (p *parser) rangeNode(field string, t token) (Node, error) {
	if field == DefaultField {
		return nil, errorf(t.pos, "expected a field name before range %s, found none (ranges need field:)", snippet(p.raw(t)))
	}
	r := t.rng
	if !r.HasLower && !r.HasUpper {
		return Exists{Field: field}, nil
	}
	r.Field = field
	return r, nil
}

// exists builds _exists_:name; the name is a plain term or a phrase.
func (p *parser) exists(t token) (Node, error) {
	ok := (t.kind == tTerm && !t.hasWild) || t.kind == tPhrase
	if !ok || t.text == "" {
		return nil, errorf(t.pos, "expected a field name after %s:, found %s", existsField, p.describe(t))
	}
	return Exists{Field: t.text}, nil
}
