package ruleeval

import (
	"sort"
	"strconv"
	"time"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/rule"
)

// episode is one firing (rule, query_key): opened by a notification,
// kept firing by raw matches, resolved after resolve_after without one.
type episode struct {
	lastRaw time.Time
	match   alert.Match
}

// queryKey is the alert key's query_key part of a match.
func queryKey(m rule.Match) string {
	if m.HasKey {
		return m.Key
	}
	return ""
}

// notify opens or refreshes the episode of every match of the
// notifications that passed realert and aggregation.
func (rs *ruleState) notify(ns []rule.Notification, now time.Time) {
	for _, n := range ns {
		for _, m := range n.Matches {
			rs.episodes[queryKey(m)] = &episode{lastRaw: now, match: rs.alertMatch(m)}
		}
	}
}

// observe keeps open episodes firing while raw matches for them come.
func (rs *ruleState) observe(raw []rule.Match, now time.Time) {
	for _, m := range raw {
		if ep := rs.episodes[queryKey(m)]; ep != nil {
			ep.lastRaw = now
			ep.match.Matches = m.Count
		}
	}
}

// expire resolves the episodes without a raw match for resolve_after.
func (rs *ruleState) expire(now time.Time) {
	for k, ep := range rs.episodes {
		if now.Sub(ep.lastRaw) > rs.resolve {
			delete(rs.episodes, k)
		}
	}
}

// firing appends the open episodes, ordered by query_key.
func (rs *ruleState) firing(out []alert.Match) []alert.Match {
	keys := make([]string, 0, len(rs.episodes))
	for k := range rs.episodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, rs.episodes[k].match)
	}
	return out
}

// alertMatch describes one match for the alert engine. A subject or text
// template that does not render (a bad alert_text_args index) falls back
// to the default subject and the raw alert_text, so the alert is still
// sent; the error goes into the text.
func (rs *ruleState) alertMatch(m rule.Match) alert.Match {
	r := rs.rule
	subject, err := r.Subject(m)
	if err != nil {
		subject = "logstack: " + r.Name
	}
	text, terr := r.Text(m)
	if terr != nil {
		text = r.AlertText + "\n(alert_text_args: " + terr.Error() + ")"
	}
	return alert.Match{
		Key:     alert.Key{Rule: r.Name, QueryKey: queryKey(m)},
		Policy:  rs.policy,
		Subject: subject,
		Text:    text,
		Matches: m.Count,
		Labels:  rs.labels(m),
	}
}

// labels are the rule name, the query_key fields' values and the include
// fields that hold a single value, so silences can match on them.
func (rs *ruleState) labels(m rule.Match) map[string]string {
	l := map[string]string{}
	for _, names := range [][]string{rs.rule.QueryKey, rs.rule.Include} {
		for _, f := range names {
			if v, ok := rule.Lookup(m.Event.Fields, f); ok {
				if s, ok := scalarText(v); ok {
					l[f] = s
				}
			}
		}
	}
	l["rule"] = rs.rule.Name
	return l
}

// scalarText renders a JSON scalar; objects and arrays are not labels.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}
