package rule

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/timeexpr"
)

// ErrFilter classifies a filter that cannot be evaluated (a date bound
// that does not parse, a node of an unknown kind); it is permanent.
var ErrFilter = errors.New("filter cannot be evaluated")

// Matches evaluates a rule filter against one event in memory, so that
// `logstack rules test` replays events without a store. It follows the
// DuckDB backend (the reference, internal/store/duckdb/translate*.go) for
// fields stored in the event document: message and the default field match
// whole words case-insensitively; @timestamp compares as instants; any
// other field compares each of its values (arrays unnested) as text, and
// also numerically when the query value is a number; ranges are numeric
// when every bound is a number, else string comparisons; wildcards use *
// and ?; a field exists when it has a non-null value or a non-empty array.
// now anchors now-relative date math. Typed columns of the DuckDB schema
// (ELB fields) are compared by the same rules as their JSON text.
func Matches(n query.Node, ev Event, now time.Time) (bool, error) {
	switch n := query.Deref(n).(type) {
	case nil, query.MatchAll:
		return true, nil
	case query.And:
		for _, c := range n.Nodes {
			if ok, err := Matches(c, ev, now); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case query.Or:
		for _, c := range n.Nodes {
			if ok, err := Matches(c, ev, now); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case query.Not:
		ok, err := Matches(n.Node, ev, now)
		return !ok && err == nil, err
	case query.Term:
		return matchTerm(n, ev, now)
	case query.Range:
		return matchRange(n, ev, now)
	case query.Exists:
		if n.Field == timestampField {
			return !ev.Time.IsZero(), nil
		}
		return len(fieldValues(ev.Fields, textFieldName(n.Field))) > 0, nil
	}
	return false, fmt.Errorf("%w: unsupported query node %T", ErrFilter, n)
}

const (
	timestampField = "@timestamp"
	messageField   = "message"
)

// textFieldName maps the default field to message.
func textFieldName(f string) string {
	if f == query.DefaultField {
		return messageField
	}
	return f
}

func matchTerm(n query.Term, ev Event, now time.Time) (bool, error) {
	field := textFieldName(n.Field)
	if field == timestampField {
		if n.Kind == query.Wildcard {
			return false, fmt.Errorf("%w: wildcard on date field %q", ErrFilter, field)
		}
		sp, err := timeexpr.ParseSpan(n.Value, now)
		if err != nil {
			return false, fmt.Errorf("%w: %w", ErrFilter, err)
		}
		ns := ev.Time.UnixNano()
		return ns >= sp.Start && ns < sp.End, nil
	}
	vals := fieldValues(ev.Fields, field)
	if field == messageField {
		ws := query.Words(n.Value, n.Kind == query.Wildcard, unicode.ToLower)
		for _, v := range vals {
			if containsWords(valueText(v), ws) {
				return true, nil
			}
		}
		return false, nil
	}
	for _, v := range vals {
		if termValue(jsonText(v), n) {
			return true, nil
		}
	}
	return false, nil
}

// termValue compares one value's text with a term on a non-text field:
// a LIKE pattern for wildcards, else exact text, address (see ipTerm), or
// number when the term is a number.
func termValue(s string, n query.Term) bool {
	if n.Kind == query.Wildcard {
		return globMatch(n.Value, s)
	}
	if s == n.Value {
		return true
	}
	if m, ok := ipTerm(s, n.Value); ok {
		return m
	}
	num, isNum := query.NumberArg(n.Value, false)
	if !isNum {
		return false
	}
	f, ok := castDouble(s)
	return ok && f == num.(float64)
}

func matchRange(r query.Range, ev Event, now time.Time) (bool, error) {
	field := textFieldName(r.Field)
	if field == timestampField {
		from, to, err := query.DateBounds(r, now)
		if err != nil {
			return false, fmt.Errorf("%w: %w", ErrFilter, err)
		}
		ns := ev.Time.UnixNano()
		return !ev.Time.IsZero() && (!r.HasLower || ns >= from) && (!r.HasUpper || ns < to), nil
	}
	lo, hi, numeric := query.NumericBounds(r, false)
	for _, v := range fieldValues(ev.Fields, field) {
		s := jsonText(v)
		if m, ok := ipRange(s, r); ok && !numeric {
			if m {
				return true, nil
			}
			continue
		}
		if !numeric {
			if inBounds(strings.Compare(s, r.Lower), strings.Compare(s, r.Upper), r) {
				return true, nil
			}
			continue
		}
		f, ok := castDouble(s)
		if !ok {
			continue
		}
		var cl, cu int
		if r.HasLower {
			cl = cmpFloat(f, lo.(float64))
		}
		if r.HasUpper {
			cu = cmpFloat(f, hi.(float64))
		}
		if inBounds(cl, cu, r) {
			return true, nil
		}
	}
	return false, nil
}

// inBounds applies the range's set bounds to comparisons of the value with
// the lower (cl) and upper (cu) bound.
func inBounds(cl, cu int, r query.Range) bool {
	if r.HasLower && (cl < 0 || cl == 0 && !r.IncludeLower) {
		return false
	}
	if r.HasUpper && (cu > 0 || cu == 0 && !r.IncludeUpper) {
		return false
	}
	return true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// castDouble is DuckDB's TRY_CAST(x AS DOUBLE) for the texts events hold.
func castDouble(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// jsonText renders a value as DuckDB's json_extract_string does: strings
// unquoted, numbers and booleans as in JSON.
func jsonText(v any) string {
	if b, ok := v.(bool); ok {
		return strconv.FormatBool(b)
	}
	return valueText(v)
}

// fieldValues returns the non-null values at a dotted field: the scalar,
// or an array's elements, also through arrays of objects on the path, as
// Elasticsearch flattens them.
func fieldValues(fields map[string]any, name string) []any {
	var out []any
	collect(fields, name, &out)
	return out
}

func collect(v any, name string, out *[]any) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collect(e, name, out)
		}
		return
	case map[string]any:
		if name == "" {
			return // an object is not a value
		}
		if fv, ok := x[name]; ok {
			collect(fv, "", out)
		}
		for i := 0; i < len(name); i++ {
			if name[i] == '.' {
				if sub, ok := x[name[:i]]; ok {
					collect(sub, name[i+1:], out)
				}
			}
		}
		return
	case nil:
		return
	}
	if name == "" {
		*out = append(*out, v)
	}
}
