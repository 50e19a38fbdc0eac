package elb

import "github.com/logstack/logstack/internal/event"

// toEvent builds Parse's nested maps from the slots AppendJSON writes, so
// both say the same thing. Each object gets exactly as many entries as it
// has present children, and fields that repeat another (event.end,
// trace.id) share its boxed value.
func toEvent(f *fields) event.Event {
	var sh shared
	if f.present.has(fTimestamp) {
		sh.stamp = f.v[fTimestamp].s
	}
	if f.present.has(fELBTraceID) {
		sh.trace = f.v[fELBTraceID].s
	}
	return event.Event(toMap(eventTree, f, &sh))
}

// shared holds values boxed once for two fields.
type shared struct{ stamp, trace any }

func toMap(n *node, f *fields, sh *shared) map[string]any {
	size := 0
	for i := range n.kids {
		if present(&n.kids[i], f) {
			size++
		}
	}
	m := make(map[string]any, size)
	for i := range n.kids {
		k := &n.kids[i]
		switch {
		case !present(k, f):
		case k.kids != nil:
			m[k.name] = toMap(k, f, sh)
		case k.id == fTimestamp || k.id == fEventEnd && f.v[fEventEnd].s == f.v[fTimestamp].s:
			m[k.name] = sh.stamp
		case k.id == fELBTraceID || k.id == fTraceID && f.v[fTraceID].s == f.v[fELBTraceID].s:
			m[k.name] = sh.trace
		default:
			m[k.name] = boxSlot(f.v[k.id])
		}
	}
	return m
}

func present(n *node, f *fields) bool {
	if n.kids == nil {
		return f.present.has(n.id)
	}
	return f.present.overlaps(n.under)
}

// boxSlot turns a slot into the value Parse stores: a string, json.Number
// or []any of them.
func boxSlot(s slot) any {
	switch s.k {
	case kNumber:
		return boxNumber(s.s)
	case kList, kCodes:
		out := make([]any, 0, 2)
		for part := range listParts(s) {
			if s.k == kCodes && isUint(part) {
				out = append(out, boxNumber(part))
			} else {
				out = append(out, boxString(part))
			}
		}
		return out
	case kALPN:
		var out []any
		for item := range alpnItems(s.s) {
			out = append(out, item)
		}
		return out
	}
	return boxString(s.s)
}
