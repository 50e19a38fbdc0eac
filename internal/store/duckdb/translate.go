package duckdb

import (
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// translator turns a query AST into an SQL condition over one partition's
// columns. Values are always bound as parameters ($1, $2, ...; numbered so
// that the same condition can be repeated for every partition of a UNION
// ALL without repeating its arguments); only identifiers and JSON paths
// derived from field names are written into the SQL, quoted.
type translator struct {
	sch  *schema
	now  time.Time
	args []any
}

// param binds v and returns its placeholder.
func (t *translator) param(v any) string {
	t.args = append(t.args, v)
	return "$" + strconv.Itoa(len(t.args))
}

// where translates n. Leaves may be NULL where a field is missing; that is
// false in a WHERE clause and under AND/OR, and NOT treats it as false too
// (NOT coalesce(x, FALSE)), so "NOT level:debug" keeps events without a
// level, as in Elasticsearch. Leaves stay bare so that DuckDB can push
// comparisons on columns into its scans.
func (t *translator) where(n query.Node) (string, error) {
	switch n := n.(type) {
	case nil, query.MatchAll, *query.MatchAll:
		return "TRUE", nil
	case query.And:
		return t.join(n.Nodes, " AND ", "TRUE")
	case *query.And:
		return t.join(n.Nodes, " AND ", "TRUE")
	case query.Or:
		return t.join(n.Nodes, " OR ", "FALSE")
	case *query.Or:
		return t.join(n.Nodes, " OR ", "FALSE")
	case query.Not:
		return t.not(n.Node)
	case *query.Not:
		return t.not(n.Node)
	case query.Term:
		return t.term(n)
	case *query.Term:
		return t.term(*n)
	case query.Range:
		return t.rangeOf(n)
	case *query.Range:
		return t.rangeOf(*n)
	case query.Exists:
		return t.exists(n.Field)
	case *query.Exists:
		return t.exists(n.Field)
	}
	return "", fmt.Errorf("%w: unsupported query node %T", store.ErrBadRequest, n)
}

func (t *translator) join(nodes []query.Node, op, empty string) (string, error) {
	if len(nodes) == 0 {
		return empty, nil
	}
	parts := make([]string, len(nodes))
	for i, c := range nodes {
		s, err := t.where(c)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return "(" + strings.Join(parts, op) + ")", nil
}

func (t *translator) not(n query.Node) (string, error) {
	s, err := t.where(n)
	if err != nil {
		return "", err
	}
	return "(NOT coalesce(" + s + ", FALSE))", nil
}

// fieldOf resolves a query field: the default field is the message.
func (t *translator) fieldOf(field string) (column, bool, error) {
	if field == query.DefaultField {
		return messageColumn, true, nil
	}
	if c, ok := t.sch.byField[field]; ok {
		return c, true, nil
	}
	if !validPath(field) {
		return column{}, false, fmt.Errorf("%w: invalid field name %q", store.ErrBadRequest, field)
	}
	return column{}, false, nil
}

// term translates field:value.
func (t *translator) term(n query.Term) (string, error) {
	col, ok, err := t.fieldOf(n.Field)
	if err != nil {
		return "", err
	}
	if !ok {
		return t.jsonTerm(n), nil
	}
	switch col.typ {
	case TypeText:
		return t.words(col, n), nil
	case TypeKeyword:
		return t.keyword(ident(col.name), n.Value, n.Kind), nil
	case TypeIP:
		v := n.Value
		if n.Kind != query.Wildcard {
			if a, err := netip.ParseAddr(v); err == nil {
				v = a.String()
			} else if p, err := netip.ParsePrefix(v); err == nil {
				return t.ipPrefix(col, p), nil
			}
		}
		return t.keyword(ident(col.name), v, n.Kind), nil
	case TypeLong, TypeDouble:
		return t.number(ident(col.name), col.typ, n), nil
	case TypeBoolean:
		if n.Kind == query.Wildcard {
			return t.castLike(ident(col.name), n.Value), nil
		}
		if n.Value != "true" && n.Value != "false" {
			return "FALSE", nil
		}
		return ident(col.name) + " = " + t.param(n.Value == "true"), nil
	case TypeDate:
		if n.Kind == query.Wildcard {
			return "", fmt.Errorf("%w: wildcard on date field %q", store.ErrBadRequest, col.field)
		}
		sp, err := parseInstant(n.Value, t.now)
		if err != nil {
			return "", err
		}
		c := ident(col.name)
		return "(" + c + " >= " + t.param(sp.start) + " AND " + c + " < " + t.param(sp.end) + ")", nil
	}
	return "", fmt.Errorf("%w: field %q has unknown type %q", store.ErrBadRequest, col.field, col.typ)
}

// words matches consecutive whole words, case-insensitively. The regular
// expression decides; a cheaper test first discards rows that cannot match:
// the message's word signature, or ILIKE on other text columns and for
// words that are all wildcards. The test guards the expression in a CASE
// because DuckDB would otherwise order the conjuncts itself and may run
// the expression on every row.
func (t *translator) words(col column, n query.Term) string {
	ws := queryWords(n.Value, n.Kind == query.Wildcard)
	if len(ws) == 0 {
		return "FALSE"
	}
	c := ident(col.name)
	re := "regexp_matches(" + c + ", " + t.param(wordsRegexp(ws)) + ")"
	sig := wordsSignature(ws)
	if col.name != colMessage || sig == (signature{}) {
		return "(CASE WHEN " + c + " ILIKE " + t.param(wordsLike(ws)) + ` ESCAPE '\' THEN ` + re + " ELSE FALSE END)"
	}
	var tests []string
	for lane, bits := range sig {
		if bits != 0 {
			// A literal, not a parameter: database/sql refuses uint64
			// arguments with the high bit set, and the bits come from
			// our own hash, never from the query text.
			tests = append(tests, fmt.Sprintf("(%s & %d::UBIGINT) = %d::UBIGINT", ident([]string{colSig0, colSig1}[lane]), bits, bits))
		}
	}
	return "(CASE WHEN " + strings.Join(tests, " AND ") + " THEN " + re + " ELSE FALSE END)"
}

// keyword compares a string column exactly (case-sensitive), or with a
// LIKE pattern for wildcards.
func (t *translator) keyword(c, value string, kind query.TermKind) string {
	if kind == query.Wildcard {
		return c + " LIKE " + t.param(likePattern(value)) + ` ESCAPE '\'`
	}
	return c + " = " + t.param(value)
}

// castLike matches a non-string column's text against a wildcard value.
func (t *translator) castLike(c, value string) string {
	return "CAST(" + c + " AS VARCHAR) LIKE " + t.param(likePattern(value)) + ` ESCAPE '\'`
}

// number compares a numeric column: equal to the value when it is a number,
// never otherwise.
func (t *translator) number(c, typ string, n query.Term) string {
	if n.Kind == query.Wildcard {
		return t.castLike(c, n.Value)
	}
	v, ok := numberArg(n.Value, typ == TypeLong)
	if !ok {
		return "FALSE"
	}
	return c + " = " + t.param(v)
}

var reNumber = regexp.MustCompile(`^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$`)

// numberArg parses a decimal number: an int64 when integral and wanted (so
// that BIGINT columns compare exactly and use their statistics), a float64
// otherwise.
func numberArg(s string, preferInt bool) (any, bool) {
	if !reNumber.MatchString(s) {
		return nil, false
	}
	if preferInt {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, false
	}
	return f, true
}

// likePattern converts a query wildcard value (unescaped * and ?, literal
// characters escaped with a backslash) to a LIKE pattern with escape '\'.
func likePattern(v string) string {
	var b strings.Builder
	escaped := false
	for _, r := range v {
		switch {
		case escaped:
			escaped = false
			if r == '%' || r == '_' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case r == '\\':
			escaped = true
		case r == '*':
			b.WriteByte('%')
		case r == '?':
			b.WriteByte('_')
		case r == '%' || r == '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// exists matches events with a non-null value at field.
func (t *translator) exists(field string) (string, error) {
	col, ok, err := t.fieldOf(field)
	if err != nil {
		return "", err
	}
	if !ok {
		return jsonExists(field), nil
	}
	return ident(col.name) + " IS NOT NULL", nil
}
