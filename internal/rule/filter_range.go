package rule

import (
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// rangeQuery bounds a field with gt, gte, lt and lte. Date math relative
// to now ("now-15m", "now-1d/d") is passed to the backends, which read it
// with internal/timeexpr at query time; anchored date math ("2024-01-01||+1d"),
// format and time_zone are not supported yet.
func (t *translator) rangeQuery(n *node, key string) query.Node {
	f, body, key, ok := t.fieldBody(n, key)
	if !ok {
		return nil
	}
	if body.kind != kMap || len(body.entries) == 0 {
		return t.fail(body, key, ErrInvalid, "expected bounds such as {gte: 10, lt: 20}, got %s", body.describe())
	}
	r := query.Range{Field: f}
	bad := len(t.probs)
	for _, e := range body.entries {
		at := &node{line: e.line, col: e.col}
		sub := key + "." + e.key
		switch e.key {
		case "gt", "gte", "lt", "lte":
		case "boost":
			continue
		default:
			t.fail(at, sub, ErrUnsupported, "range option %q is not supported yet (gt, gte, lt, lte)", e.key)
			continue
		}
		v, ok := t.scalarText(e.value, sub)
		if !ok {
			continue
		}
		if strings.Contains(v, "||") {
			t.fail(e.value, sub, ErrUnsupported, "anchored date math %q is not supported yet (use an instant or now-relative math)", v)
			continue
		}
		lower := e.key[0] == 'g'
		incl := strings.HasSuffix(e.key, "e")
		if lower {
			if r.HasLower {
				t.fail(at, sub, ErrInvalid, "more than one lower bound")
			}
			r.Lower, r.HasLower, r.IncludeLower = v, true, incl
		} else {
			if r.HasUpper {
				t.fail(at, sub, ErrInvalid, "more than one upper bound")
			}
			r.Upper, r.HasUpper, r.IncludeUpper = v, true, incl
		}
	}
	if len(t.probs) > bad {
		return nil
	}
	if !r.HasLower && !r.HasUpper {
		return query.Exists{Field: f}
	}
	return r
}
