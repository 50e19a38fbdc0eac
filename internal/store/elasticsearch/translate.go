package elasticsearch

import (
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// dsl is one query DSL object.
type dsl = map[string]any

// Fixed queries.
var (
	matchAll  = dsl{"match_all": dsl{}}
	matchNone = dsl{"bool": dsl{"must_not": []any{dsl{"match_all": dsl{}}}}}
)

// translator turns the query AST into the DSL subset of docs/ELASTICSEARCH.md
// with the DuckDB backend's semantics (internal/store/duckdb/translate*.go):
// a term is a phrase of whole words, case-insensitive, on text fields
// (message, the default field) and exact equality on any other field; a
// range is instants on dates, numbers on numeric fields or when every bound
// is a number, strings otherwise; NOT keeps events without the field.
// Values that can never match a field's type (a word on a number field)
// match nothing, as in DuckDB, instead of failing the search.
type translator struct {
	types map[string]string
	now   time.Time
}

func (t *translator) query(n query.Node) (dsl, error) {
	switch n := n.(type) {
	case nil, query.MatchAll, *query.MatchAll:
		return matchAll, nil
	case query.And:
		return t.and(n.Nodes)
	case *query.And:
		return t.and(n.Nodes)
	case query.Or:
		return t.or(n.Nodes)
	case *query.Or:
		return t.or(n.Nodes)
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
	return nil, fmt.Errorf("%w: unsupported query node %T", store.ErrBadRequest, n)
}

func (t *translator) all(nodes []query.Node) ([]any, error) {
	out := make([]any, len(nodes))
	for i, c := range nodes {
		q, err := t.query(c)
		if err != nil {
			return nil, err
		}
		out[i] = q
	}
	return out, nil
}

func (t *translator) and(nodes []query.Node) (dsl, error) {
	qs, err := t.all(nodes)
	if err != nil || len(qs) == 0 {
		return matchAll, err
	}
	if len(qs) == 1 {
		return qs[0].(dsl), nil
	}
	return dsl{"bool": dsl{"filter": qs}}, nil
}

func (t *translator) or(nodes []query.Node) (dsl, error) {
	qs, err := t.all(nodes)
	if err != nil || len(qs) == 0 {
		return matchNone, err
	}
	if len(qs) == 1 {
		return qs[0].(dsl), nil
	}
	return dsl{"bool": dsl{"should": qs, "minimum_should_match": 1}}, nil
}

func (t *translator) not(n query.Node) (dsl, error) {
	q, err := t.query(n)
	if err != nil {
		return nil, err
	}
	return dsl{"bool": dsl{"must_not": []any{q}}}, nil
}

// fieldOf resolves a query field to a mapped name and its type ("" when
// the field is only dynamically mapped).
func (t *translator) fieldOf(field string) (string, string, error) {
	if field == query.DefaultField {
		return "message", typeText, nil
	}
	if !validPath(field) {
		return "", "", fmt.Errorf("%w: invalid field name %q", store.ErrBadRequest, field)
	}
	return field, t.types[field], nil
}

// validPath accepts the field names the DuckDB store accepts, minus the
// wildcards Elasticsearch would expand in a field name.
func validPath(field string) bool {
	if field == "" || strings.ContainsAny(field, `"\*?`) {
		return false
	}
	for _, part := range strings.Split(field, ".") {
		if part == "" {
			return false
		}
	}
	for _, r := range field {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

func (t *translator) term(n query.Term) (dsl, error) {
	field, typ, err := t.fieldOf(n.Field)
	if err != nil {
		return nil, err
	}
	switch typ {
	case typeText:
		return t.words(field, n), nil
	case typeIP:
		return ipTerm(field, n)
	case typeLong, typeDouble:
		return numberTerm(field, typ, n)
	case typeBoolean:
		return boolTerm(field, n), nil
	case typeDate:
		if n.Kind == query.Wildcard {
			return nil, fmt.Errorf("%w: wildcard on date field %q", store.ErrBadRequest, field)
		}
		sp, err := parseInstant(n.Value, t.now)
		if err != nil {
			return nil, err
		}
		return dsl{"range": dsl{field: dsl{"gte": instant(sp.start), "lt": instant(sp.end)}}}, nil
	}
	if n.Kind == query.Wildcard {
		return dsl{"wildcard": dsl{field: dsl{"value": n.Value}}}, nil
	}
	return dsl{"term": dsl{field: dsl{"value": n.Value}}}, nil
}

// words matches a text field: the words of the value as a phrase, or,
// with wildcards, each word as a wildcard over the field's terms.
func (t *translator) words(field string, n query.Term) dsl {
	ws := queryWords(n.Value, n.Kind == query.Wildcard)
	if len(ws) == 0 {
		return matchNone
	}
	if n.Kind != query.Wildcard || !anyWild(ws) {
		return dsl{"match_phrase": dsl{field: dsl{"query": strings.Join(ws, " ")}}}
	}
	if len(ws) == 1 {
		if strings.Trim(ws[0], "*") == "" {
			return dsl{"exists": dsl{"field": field}}
		}
		return dsl{"wildcard": dsl{field: dsl{"value": ws[0]}}}
	}
	// Several words with wildcards: the subset has no span queries, so
	// each word must occur but not necessarily next to the others (see
	// docs/ELASTICSEARCH.md, known differences).
	var must []any
	for _, w := range ws {
		if strings.Trim(w, "*") == "" {
			continue
		}
		if strings.ContainsAny(w, "*?") {
			must = append(must, dsl{"wildcard": dsl{field: dsl{"value": w}}})
		} else {
			must = append(must, dsl{"match_phrase": dsl{field: dsl{"query": w}}})
		}
	}
	if len(must) == 0 {
		return dsl{"exists": dsl{"field": field}}
	}
	return dsl{"bool": dsl{"filter": must}}
}

func anyWild(ws []string) bool {
	for _, w := range ws {
		if strings.ContainsAny(w, "*?") {
			return true
		}
	}
	return false
}

// isWordRune is the DuckDB store's word character: letters, digits,
// combining marks and '_'.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// queryWords splits a term's value into lowercase words; for wildcard
// terms unescaped * and ? stay in the word around them.
func queryWords(value string, wildcard bool) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	escaped := false
	for _, r := range value {
		switch {
		case wildcard && !escaped && r == '\\':
			escaped = true
			continue
		case wildcard && !escaped && (r == '*' || r == '?'):
			b.WriteRune(r)
		case isWordRune(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
		escaped = false
	}
	flush()
	return out
}

// ipTerm compares an ip field: the address when the value is one (a CIDR
// block is not, as in DuckDB, where ip fields are strings).
func ipTerm(field string, n query.Term) (dsl, error) {
	if n.Kind == query.Wildcard {
		if strings.Trim(n.Value, "*") == "" {
			return dsl{"exists": dsl{"field": field}}, nil
		}
		return nil, fmt.Errorf("%w: wildcard on ip field %q (use a range)", store.ErrBadRequest, field)
	}
	a, err := netip.ParseAddr(n.Value)
	if err != nil {
		return matchNone, nil
	}
	return dsl{"term": dsl{field: dsl{"value": a.String()}}}, nil
}

// numberTerm compares a numeric field with a number; any other value
// matches nothing.
func numberTerm(field, typ string, n query.Term) (dsl, error) {
	if n.Kind == query.Wildcard {
		if strings.Trim(n.Value, "*") == "" {
			return dsl{"exists": dsl{"field": field}}, nil
		}
		return nil, fmt.Errorf("%w: wildcard on numeric field %q (use a range)", store.ErrBadRequest, field)
	}
	v, ok := numberArg(n.Value, typ == typeLong)
	if !ok {
		return matchNone, nil
	}
	if f, isFloat := v.(float64); isFloat && typ == typeLong {
		if f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
			return matchNone, nil
		}
		v = int64(f)
	}
	return dsl{"term": dsl{field: dsl{"value": v}}}, nil
}

// boolTerm compares a boolean field; a wildcard is matched against "true"
// and "false" here, since the cluster cannot run one on booleans.
func boolTerm(field string, n query.Term) dsl {
	if n.Kind != query.Wildcard {
		if n.Value != "true" && n.Value != "false" {
			return matchNone
		}
		return dsl{"term": dsl{field: dsl{"value": n.Value == "true"}}}
	}
	re := wildcardRegexp(n.Value)
	var vals []any
	for _, v := range []bool{true, false} {
		if re.MatchString(strconv.FormatBool(v)) {
			vals = append(vals, v)
		}
	}
	switch len(vals) {
	case 0:
		return matchNone
	case 2:
		return dsl{"exists": dsl{"field": field}}
	}
	return dsl{"term": dsl{field: dsl{"value": vals[0]}}}
}

// wildcardRegexp compiles a query wildcard value (escaped as query.Wildcard
// says) to an anchored expression.
func wildcardRegexp(v string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^(?s)`)
	escaped := false
	for _, r := range v {
		switch {
		case escaped:
			escaped = false
			b.WriteString(regexp.QuoteMeta(string(r)))
		case r == '\\':
			escaped = true
		case r == '*':
			b.WriteString(`.*`)
		case r == '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

var reNumber = regexp.MustCompile(`^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$`)

// numberArg parses a decimal number as the DuckDB store does: an int64
// when integral and wanted, a float64 otherwise.
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

// instant formats Unix nanoseconds for a date bound.
func instant(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }

func (t *translator) exists(field string) (dsl, error) {
	f, _, err := t.fieldOf(field)
	if err != nil {
		return nil, err
	}
	return dsl{"exists": dsl{"field": f}}, nil
}

func (t *translator) rangeOf(r query.Range) (dsl, error) {
	field, typ, err := t.fieldOf(r.Field)
	if err != nil {
		return nil, err
	}
	if !r.HasLower && !r.HasUpper {
		return dsl{"exists": dsl{"field": field}}, nil
	}
	switch typ {
	case typeDate:
		return t.timeRange(field, r)
	case typeBoolean:
		return nil, fmt.Errorf("%w: range on boolean field %q", store.ErrBadRequest, field)
	case typeLong, typeDouble:
		lo, hi, ok := numericBounds(r, typ == typeLong)
		if !ok {
			return nil, fmt.Errorf("%w: range on numeric field %q needs numeric bounds", store.ErrBadRequest, field)
		}
		return bounds(field, r, lo, hi), nil
	case typeIP:
		return bounds(field, r, r.Lower, r.Upper), nil
	}
	if lo, hi, ok := numericBounds(r, false); ok {
		return bounds(field, r, lo, hi), nil
	}
	return bounds(field, r, r.Lower, r.Upper), nil
}

// numericBounds parses the set bounds as numbers; ok is false when one is
// not a number.
func numericBounds(r query.Range, preferInt bool) (lo, hi any, ok bool) {
	if r.HasLower {
		if lo, ok = numberArg(r.Lower, preferInt); !ok {
			return nil, nil, false
		}
	}
	if r.HasUpper {
		if hi, ok = numberArg(r.Upper, preferInt); !ok {
			return nil, nil, false
		}
	}
	return lo, hi, true
}

func bounds(field string, r query.Range, lo, hi any) dsl {
	b := dsl{}
	if r.HasLower {
		op := "gt"
		if r.IncludeLower {
			op = "gte"
		}
		b[op] = jsonValue(lo)
	}
	if r.HasUpper {
		op := "lt"
		if r.IncludeUpper {
			op = "lte"
		}
		b[op] = jsonValue(hi)
	}
	return dsl{"range": dsl{field: b}}
}

// jsonValue writes float64 bounds with their shortest exact text.
func jsonValue(v any) any {
	if f, ok := v.(float64); ok {
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return v
}

// timeRange bounds a date field by instants, as the DuckDB store does: an
// inclusive lower bound starts at its span's start, an exclusive one after
// its end; an inclusive upper bound ends with its end, an exclusive one
// before its start.
func (t *translator) timeRange(field string, r query.Range) (dsl, error) {
	b := dsl{}
	if r.HasLower {
		sp, err := parseInstant(r.Lower, t.now)
		if err != nil {
			return nil, err
		}
		v := sp.end
		if r.IncludeLower {
			v = sp.start
		}
		b["gte"] = instant(v)
	}
	if r.HasUpper {
		sp, err := parseInstant(r.Upper, t.now)
		if err != nil {
			return nil, err
		}
		v := sp.start
		if r.IncludeUpper {
			v = sp.end
		}
		b["lt"] = instant(v)
	}
	return dsl{"range": dsl{field: b}}, nil
}
