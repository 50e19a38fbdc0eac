package query

import (
	"fmt"
	"unicode/utf8"
)

// MaxLength is the longest query Parse accepts, in bytes: queries come from
// HTTP requests and alert rules, and a bound keeps parsing cheap.
const MaxLength = 64 << 10

// MaxDepth bounds nesting, so a hostile query cannot build an AST deep
// enough to exhaust the stack of a recursive backend translator. Each pair
// of parentheses is a level, and so is a group of juxtaposed clauses that
// mixes several optional clauses with prohibited ones ("a b -c" means
// "(a OR b) AND NOT c"), so that String never needs more levels than Parse
// accepted. A run of prefix operators (NOT NOT ...) is bounded separately
// by the same number.
const MaxDepth = 100

// existsField is the pseudo-field of _exists_:field.
const existsField = "_exists_"

// Parse parses a Lucene query string, as Kibana and ElastAlert users write
// it, into the AST the store backends translate. An empty or blank query,
// "*" and "*:*" give MatchAll{}. Errors are *SyntaxError (wrapping
// ErrSyntax).
//
// Grammar, loosest binding first:
//
//	query   = clauses EOF
//	clauses = orExpr { orExpr }           juxtaposition, default operator OR
//	orExpr  = andExpr { (OR | "||") andExpr }
//	andExpr = unary { (AND | "&&") unary }
//	unary   = { NOT | "!" | "+" | "-" } primary
//	primary = ( "(" clauses ")" | field ":" value | value ) [ "^" number ]
//	value   = term | "phrase" | range | "(" clauses ")"
//
// So NOT binds tighter than AND, AND tighter than OR, and OR tighter than
// juxtaposition: "a b AND c" is Or(a, And(b, c)) and "a OR b c" is
// Or(a, b, c). Operators are upper case only (and, or, not are terms);
// "&&" and "||" are operators only as whole words ("a&&b" is one term).
//
// Juxtaposed clauses follow Lucene's clause semantics. A clause that is a
// single prefixed operand, with no AND/OR at its level, is required ("+x")
// or prohibited ("-x", "NOT x", "!x"); every other clause is optional. If
// any clause is required the result is And(required..., Not(prohibited)...)
// and optional clauses are dropped (in Lucene they only score); otherwise
// it is And(Or(optional...), Not(prohibited)...), or Not(Or(prohibited...))
// when every clause is prohibited. Thus "error NOT debug" is
// And(error, Not(debug)), as in Kibana. Inside an AND/OR operand a prefix is
// plain logic: "+x" is x and "-x" is Not(x), so "a AND -b" is
// And(a, Not(b)) and "a OR -b" is Or(a, Not(b)), not Lucene's surprising
// "a AND NOT b". And and Or are flattened; single-child ones collapse.
//
// Values: field:(a b) applies the field to every value inside that names
// none. A value right after "field:" may start with '+' or '-'
// (status:-1). Unescaped * and ? make a Wildcard term; field:* and
// field:[* TO *] are Exists{field}, as in Elasticsearch, and _exists_:f is
// Exists{f}. Ranges ([a TO b], {a TO b}, mixed brackets, >=a, >a, <=a, <a)
// need a field and take their bounds literally; an unquoted * is an open
// bound, whose Include flag is false. Boosts (^2) are accepted and ignored;
// fuzzy and proximity (~) and regular expression (/.../) queries are
// rejected as unsupported. Any character can be escaped with a backslash.
func Parse(s string) (Node, error) {
	if len(s) > MaxLength {
		return nil, errorf(MaxLength, "expected a query of at most %d bytes, found %d bytes", MaxLength, len(s))
	}
	if !utf8.ValidString(s) {
		pos := invalidUTF8(s)
		return nil, errorf(pos, "expected UTF-8 text, found byte 0x%02x", s[pos])
	}
	p := &parser{lx: lexer{src: s}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return MatchAll{}, nil
	}
	n, err := p.clauses(DefaultField)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.unexpected("end of query", " with no matching '('")
	}
	return n, nil
}

// parser is a recursive-descent parser over a one-token lookahead.
type parser struct {
	lx    lexer
	tok   token
	depth int // parentheses open around the current token
	// peak is the deepest nesting (implicit levels included) seen in the
	// current clause group; peakPos is where it was reached.
	peak, peakPos int
}

func (p *parser) advance() error {
	t, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

// clauses parses juxtaposed clauses up to ')' or the end of the query.
func (p *parser) clauses(field string) (Node, error) {
	outer, outerPos := p.peak, p.peakPos
	p.peak, p.peakPos = p.depth, p.tok.pos
	var cs []clause
	for {
		c, err := p.or(field)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
		if p.tok.kind == tEOF || p.tok.kind == tRParen {
			break
		}
	}
	n, implicit := combine(cs)
	if implicit {
		if p.peak == MaxDepth {
			return nil, errorf(p.peakPos, "expected at most %d levels of nesting, found more "+
				"(clauses mixing optional and prohibited terms, like \"a b -c\", add a level)", MaxDepth)
		}
		p.peak++
	}
	if outer > p.peak {
		p.peak, p.peakPos = outer, outerPos
	}
	return n, nil
}

func (p *parser) or(field string) (clause, error) {
	return p.chain(tOr, field, p.and, mkOr)
}

func (p *parser) and(field string) (clause, error) {
	return p.chain(tAnd, field, p.unary, mkAnd)
}

// chain parses operand { op operand }. A lone operand keeps its modifier
// so clauses can apply Lucene's must/must-not semantics to it.
func (p *parser) chain(op tokenKind, field string, operand func(string) (clause, error), join func([]Node) Node) (clause, error) {
	first, err := operand(field)
	if err != nil || p.tok.kind != op {
		return first, err
	}
	nodes := []Node{first.logic()}
	for p.tok.kind == op {
		if err := p.advance(); err != nil {
			return clause{}, err
		}
		c, err := operand(field)
		if err != nil {
			return clause{}, err
		}
		nodes = append(nodes, c.logic())
	}
	return clause{node: join(nodes)}, nil
}

// unary parses prefix operators iteratively (no recursion per operator).
func (p *parser) unary(field string) (clause, error) {
	var ops []tokenKind
	for p.tok.kind == tNot || p.tok.kind == tPlus || p.tok.kind == tMinus {
		if len(ops) == MaxDepth {
			return clause{}, errorf(p.tok.pos, "expected at most %d prefix operators in a row, found more", MaxDepth)
		}
		ops = append(ops, p.tok.kind)
		if err := p.advance(); err != nil {
			return clause{}, err
		}
	}
	n, err := p.primary(field)
	if err != nil || len(ops) == 0 {
		return clause{node: n}, err
	}
	for i := len(ops) - 1; i > 0; i-- {
		n = clause{node: n, occ: occurOf(ops[i])}.logic()
	}
	return clause{node: n, occ: occurOf(ops[0])}, nil
}

func (p *parser) primary(field string) (Node, error) {
	var n Node
	var err error
	switch p.tok.kind {
	case tLParen:
		n, err = p.group(field)
	case tField:
		n, err = p.fielded()
	case tTerm, tPhrase, tRange:
		n, err = p.leaf(field)
	default:
		return nil, p.unexpected("a term, phrase, field:value or '('", "")
	}
	if err != nil {
		return nil, err
	}
	if p.tok.kind == tBoost {
		return n, p.advance()
	}
	return n, nil
}

// group parses "(" clauses ")"; field is the default for values inside.
func (p *parser) group(field string) (Node, error) {
	open := p.tok.pos
	if p.depth == MaxDepth {
		return nil, errorf(open, "expected at most %d nested parentheses, found more", MaxDepth)
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > p.peak {
		p.peak, p.peakPos = p.depth, open
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	n, err := p.clauses(field)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tRParen {
		return nil, p.unexpected(fmt.Sprintf("')' to close '(' at position %d", open), "")
	}
	return n, p.advance()
}
