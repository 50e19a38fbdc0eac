package alarm

import (
	"github.com/logstack/logstack/internal/yamlsrc"

	"sort"
	"strconv"

	"github.com/goccy/go-yaml/ast"
)

// alarmKeys maps each alarm-file key to how it is decoded into an Alarm.
// The keys mirror CloudWatch's alarm properties (docs/ALERTING.md).
var alarmKeys = map[string]func(d *decoder, path string, n ast.Node, a *Alarm){
	"name":        func(d *decoder, p string, n ast.Node, a *Alarm) { a.Name, _ = d.str(p, n) },
	"description": func(d *decoder, p string, n ast.Node, a *Alarm) { a.Description, _ = d.str(p, n) },
	"metric":      func(d *decoder, p string, n ast.Node, a *Alarm) { d.metric(p, n, &a.Metric) },
	"period":      func(d *decoder, p string, n ast.Node, a *Alarm) { a.Period, _ = d.duration(p, n) },
	"evaluation_periods": func(d *decoder, p string, n ast.Node, a *Alarm) {
		a.EvaluationPeriods, _ = d.integer(p, n)
	},
	"datapoints_to_alarm": func(d *decoder, p string, n ast.Node, a *Alarm) {
		a.DatapointsToAlarm, _ = d.integer(p, n)
	},
	"comparison": func(d *decoder, p string, n ast.Node, a *Alarm) {
		s, _ := d.str(p, n)
		a.Comparison = Comparison(s)
	},
	"threshold": func(d *decoder, p string, n ast.Node, a *Alarm) { a.Threshold, _ = d.number(p, n) },
	"treat_missing_data": func(d *decoder, p string, n ast.Node, a *Alarm) {
		s, _ := d.str(p, n)
		a.TreatMissingData = TreatMissing(s)
	},
	"alarm_actions": func(d *decoder, p string, n ast.Node, a *Alarm) { a.AlarmActions = d.strings(p, n) },
	"ok_actions":    func(d *decoder, p string, n ast.Node, a *Alarm) { a.OKActions = d.strings(p, n) },
	"insufficient_data_actions": func(d *decoder, p string, n ast.Node, a *Alarm) {
		a.InsufficientDataActions = d.strings(p, n)
	},
	"enabled": func(d *decoder, p string, n ast.Node, a *Alarm) {
		if b, ok := d.boolean(p, n); ok {
			a.Enabled = b
		}
	},
}

// metricKeys maps each key of the metric mapping to its decoder.
var metricKeys = map[string]func(d *decoder, path string, n ast.Node, m *Metric){
	"query":    func(d *decoder, p string, n ast.Node, m *Metric) { m.Query, _ = d.str(p, n) },
	"field":    func(d *decoder, p string, n ast.Node, m *Metric) { m.Field, _ = d.str(p, n) },
	"internal": func(d *decoder, p string, n ast.Node, m *Metric) { m.Internal, _ = d.str(p, n) },
	"statistic": func(d *decoder, p string, n ast.Node, m *Metric) {
		s, ok := d.str(p, n)
		if !ok {
			return
		}
		st, err := ParseStatistic(s)
		if err != nil {
			d.addAt(posOf(n), p, errorf(ErrInvalid, "%v", err))
			return
		}
		m.Statistic = st
	},
}

// alarm decodes the document root into a; false when the root is not a
// mapping, which leaves nothing worth validating.
func (d *decoder) alarm(n ast.Node, a *Alarm) bool {
	entries, ok := d.mapping("", n)
	if !ok {
		return false
	}
	for _, e := range entries {
		f, known := alarmKeys[e.key]
		if !known {
			d.unknown(e, "", keysOf(alarmKeys))
			continue
		}
		f(d, e.key, e.value, a)
	}
	return true
}

// metric decodes the metric mapping into m.
func (d *decoder) metric(path string, n ast.Node, m *Metric) {
	entries, ok := d.mapping(path, n)
	if !ok {
		return
	}
	for _, e := range entries {
		f, known := metricKeys[e.key]
		if !known {
			d.unknown(e, path, keysOf(metricKeys))
			continue
		}
		f(d, join(path, e.key), e.value, m)
	}
}

// unknown reports a key the schema lacks, suggesting the closest known key.
func (d *decoder) unknown(e keyed, path string, known []string) {
	msg := strconv.Quote(e.key)
	if s := closest(e.key, known); s != "" {
		msg += " (did you mean " + strconv.Quote(s) + "?)"
	}
	d.addAt(e.at, join(path, e.key), errorf(ErrUnknownKey, "%s", msg))
}

func keysOf[F any](m map[string]F) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// closest returns the known key within edit distance 3 of key, if any; it
// catches CloudWatch spellings and typos such as "treshold".
func closest(key string, known []string) string {
	best, bestD := "", 4
	for _, k := range known {
		if dist := yamlsrc.EditDistance(normalize(key), normalize(k)); dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

// normalize lowercases and drops separators, so "EvaluationPeriods" is
// close to "evaluation_periods".
func normalize(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || c == '-':
		case c >= 'A' && c <= 'Z':
			out = append(out, c+'a'-'A')
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
