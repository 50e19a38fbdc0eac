package rule

import (
	"math"
	"time"

	"github.com/logstack/logstack/internal/config"
)

// addTypeDecoders registers the keys of new_term, metric_aggregation and
// percentage_match, and logstack's own resolve_after.
func addTypeDecoders() {
	for k, dec := range map[string]func(*loader, *entry){
		"fields":                   (*loader).fields,
		"terms_window_size":        durField(func(r *Rule) *time.Duration { return &r.TermsWindowSize }),
		"window_step_size":         durField(func(r *Rule) *time.Duration { return &r.WindowStepSize }),
		"alert_on_missing_field":   boolField(func(r *Rule) *bool { return &r.AlertOnMissingField }),
		"use_terms_query":          (*loader).useTermsQuery,
		"use_keyword_postfix":      boolField(func(*Rule) *bool { return new(bool) }),
		"metric_agg_key":           strField(func(r *Rule) *string { return &r.MetricAggKey }),
		"metric_agg_type":          (*loader).metricAggType,
		"percentile_range":         (*loader).percentileRange,
		"max_threshold":            numField(func(r *Rule) (*float64, *bool) { return &r.MaxThreshold, &r.HasMaxThreshold }),
		"min_threshold":            numField(func(r *Rule) (*float64, *bool) { return &r.MinThreshold, &r.HasMinThreshold }),
		"metric_format_string":     fmtField(func(r *Rule) *string { return &r.MetricFormatString }),
		"min_doc_count":            intField(func(r *Rule) *int { return &r.MinDocCount }),
		"match_bucket_filter":      (*loader).matchBucketFilter,
		"min_percentage":           numField(func(r *Rule) (*float64, *bool) { return &r.MinPercentage, &r.HasMinPercentage }),
		"max_percentage":           numField(func(r *Rule) (*float64, *bool) { return &r.MaxPercentage, &r.HasMaxPercentage }),
		"min_denominator":          intField(func(r *Rule) *int { return &r.MinDenominator }),
		"percentage_format_string": fmtField(func(r *Rule) *string { return &r.PercentageFormatString }),
		"bucket_interval":          durField(func(r *Rule) *time.Duration { return &r.BucketInterval }),
		"sync_bucket_interval":     onlyTrue("logstack always aligns buckets on multiples of bucket_interval, as sync_bucket_interval: true does"),
		"use_run_every_query_size": onlyTrue("logstack computes over each run's new events (use_run_every_query_size: true) or over bucket_interval buckets; " +
			"use bucket_interval for a longer window"),
	} {
		decoders[k] = dec
	}
}

// numField reads a finite number and marks it set.
func numField(f func(*Rule) (*float64, *bool)) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		v := e.value
		if (v.kind != kInt && v.kind != kFloat) || math.IsNaN(v.num) || math.IsInf(v.num, 0) {
			l.addAt(e, ErrInvalid, "expected a number, got %s", v.describe())
			return
		}
		p, has := f(l.r)
		*p, *has = v.num, true
	}
}

// fmtField reads a Python format string for one number ("{:.2f}",
// "%.2f"), checked now so that a bad one fails at load, not at alert time.
func fmtField(f func(*Rule) *string) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		s, ok := l.str(e)
		if !ok {
			return
		}
		if _, err := FormatNumber(s, 0.5); err != nil {
			l.addAt(e, ErrInvalid, "%v", err)
			return
		}
		*f(l.r) = s
	}
}

// onlyTrue accepts a boolean option whose true value is what logstack
// does, and refuses false, which logstack does not implement.
func onlyTrue(why string) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		switch {
		case e.value.kind != kBool:
			l.addAt(e, ErrInvalid, "expected a boolean, got %s", e.value.describe())
		case !e.value.boolean:
			l.addAt(e, ErrUnsupported, "%s: false is not supported yet (%s)", e.key, why)
		}
	}
}

// fields reads new_term's fields: a field, or a list whose entries are
// fields or lists of fields (composite terms).
func (l *loader) fields(e *entry) {
	v := e.value
	if v.kind == kString {
		l.r.NewTermFields = [][]string{{v.text}}
		return
	}
	if v.kind != kList || len(v.items) == 0 {
		l.addAt(e, ErrInvalid, "expected a field or a non-empty list of fields, got %s", v.describe())
		return
	}
	var out [][]string
	for _, it := range v.items {
		if it.kind == kString {
			out = append(out, []string{it.text})
			continue
		}
		if it.kind != kList || len(it.items) == 0 {
			l.add(it, e.key, ErrInvalid, "expected a field or a non-empty list of fields, got %s", it.describe())
			continue
		}
		var comp []string
		for _, sub := range it.items {
			if sub.kind != kString {
				l.add(sub, e.key, ErrInvalid, "expected a field name, got %s", sub.describe())
				continue
			}
			comp = append(comp, sub.text)
		}
		out = append(out, comp)
	}
	l.r.NewTermFields = out
}

// useTermsQuery is accepted for new_term, where it changes how ElastAlert2
// fetches terms but not which terms are new; for the other types it
// changes what a match is, which logstack does not implement.
func (l *loader) useTermsQuery(e *entry) {
	if l.r.Type != TypeNewTerm {
		l.addAt(e, ErrUnsupported, "ElastAlert2 option %q is not supported yet", e.key)
		return
	}
	boolField(func(r *Rule) *bool { return &r.UseTermsQuery })(l, e)
}

// metricAggTypes are ElastAlert2's metric_agg_type values.
var metricAggTypes = map[string]bool{
	"min": true, "max": true, "avg": true, "sum": true, "cardinality": true, "value_count": true, "percentiles": true,
}

func (l *loader) metricAggType(e *entry) {
	s, ok := l.str(e)
	switch {
	case !ok:
	case !metricAggTypes[s]:
		l.addAt(e, ErrInvalid, "metric_agg_type must be one of min, max, avg, sum, cardinality, value_count, percentiles, got %q", s)
	default:
		l.r.MetricAggType = s
	}
}

func (l *loader) percentileRange(e *entry) {
	v := e.value
	if (v.kind != kInt && v.kind != kFloat) || !(v.num >= 0 && v.num <= 100) {
		l.addAt(e, ErrInvalid, "expected a percentile from 0 to 100, got %s", v.describe())
		return
	}
	l.r.PercentileRange = v.num
}

// matchBucketFilter translates the bucket filter like the rule's filter;
// ElastAlert2 puts it in a bool must, so all its items must match.
func (l *loader) matchBucketFilter(e *entry) {
	t := &translator{file: l.file}
	n := t.list(e.value, e.key)
	l.probs = append(l.probs, t.probs...)
	if n != nil && len(t.probs) == 0 {
		l.r.MatchBucketFilter = n
	}
}

// resolveAfter reads logstack's resolve_after: an ElastAlert2 time
// mapping or a duration string such as "15m" or "1d".
func (l *loader) resolveAfter(e *entry) {
	if e.value.kind != kString {
		durField(func(r *Rule) *time.Duration { return &r.ResolveAfter })(l, e)
		return
	}
	d, err := config.ParseDuration(e.value.text)
	switch {
	case err != nil:
		l.addAt(e, ErrInvalid, "expected a time such as {minutes: 5} or \"5m\": %v", err)
	case d < 0 || d.Std() > maxDuration:
		l.addAt(e, ErrInvalid, "resolve_after must be from 0 to 100 years, got %q", e.value.text)
	default:
		l.r.ResolveAfter = d.Std()
	}
}
