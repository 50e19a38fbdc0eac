package rule

import (
	"math"
	"strings"
	"time"
)

// decoders decode the keys logstack understands.
var decoders map[string]func(*loader, *entry)

func init() {
	decoders = map[string]func(*loader, *entry){
		"name":                strField(func(r *Rule) *string { return &r.Name }),
		"index":               strField(func(r *Rule) *string { return &r.Index }),
		"description":         strField(func(r *Rule) *string { return &r.Description }),
		"alert_subject":       strField(func(r *Rule) *string { return &r.AlertSubject }),
		"alert_text":          strField(func(r *Rule) *string { return &r.AlertText }),
		"alert_text_type":     (*loader).alertTextType,
		"timeframe":           durField(func(r *Rule) *time.Duration { return &r.Timeframe }),
		"buffer_time":         durField(func(r *Rule) *time.Duration { return &r.BufferTime }),
		"query_delay":         durField(func(r *Rule) *time.Duration { return &r.QueryDelay }),
		"realert":             durField(func(r *Rule) *time.Duration { return &r.Realert }),
		"exponential_realert": durField(func(r *Rule) *time.Duration { return &r.ExponentialRealert }),
		"aggregation":         (*loader).aggregation,
		"num_events":          intField(func(r *Rule) *int { return &r.NumEvents }),
		"threshold":           intField(func(r *Rule) *int { return &r.Threshold }),
		"forget_keys":         boolField(func(r *Rule) *bool { return &r.ForgetKeys }),
		"query_key":           listField(func(r *Rule) *[]string { return &r.QueryKey }),
		"aggregation_key":     listField(func(r *Rule) *[]string { return &r.AggregationKey }),
		"alert_subject_args":  listField(func(r *Rule) *[]string { return &r.AlertSubjectArgs }),
		"alert_text_args":     listField(func(r *Rule) *[]string { return &r.AlertTextArgs }),
		"top_count_keys":      listField(func(r *Rule) *[]string { return &r.TopCountKeys }),
		"include":             listField(func(r *Rule) *[]string { return &r.Include }),
		"alert":               listField(func(r *Rule) *[]string { return &r.Alert }),
		"filter":              (*loader).filter,
		"compare_key":         listField(func(r *Rule) *[]string { return &r.CompareKey }),
		"blacklist":           termList(func(r *Rule) *[]string { return &r.Blacklist }),
		"whitelist":           termList(func(r *Rule) *[]string { return &r.Whitelist }),
		"cardinality_field":   strField(func(r *Rule) *string { return &r.CardinalityField }),
		"max_cardinality": func(l *loader, e *entry) {
			l.r.HasMaxCardinality = true
			intField(func(r *Rule) *int { return &r.MaxCardinality })(l, e)
		},
		"min_cardinality": func(l *loader, e *entry) {
			l.r.HasMinCardinality = true
			intField(func(r *Rule) *int { return &r.MinCardinality })(l, e)
		},
		"spike_height":            (*loader).spikeHeight,
		"spike_type":              (*loader).spikeType,
		"threshold_ref":           intField(func(r *Rule) *int { return &r.ThresholdRef }),
		"threshold_cur":           intField(func(r *Rule) *int { return &r.ThresholdCur }),
		"alert_on_new_data":       boolField(func(r *Rule) *bool { return &r.AlertOnNewData }),
		"field_value":             strField(func(r *Rule) *string { return &r.FieldValue }),
		"aggregate_by_match_time": boolField(func(r *Rule) *bool { return &r.AggregateByMatchTime }),
		"ignore_null":             boolField(func(r *Rule) *bool { return &r.IgnoreNull }),
		"resolve_after":           (*loader).resolveAfter,
	}
	addTypeDecoders()
}

func strField(f func(*Rule) *string) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		if s, ok := l.str(e); ok {
			*f(l.r) = s
		}
	}
}

func durField(f func(*Rule) *time.Duration) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		if d, ok := l.duration(e); ok {
			*f(l.r) = d
		}
	}
}

func intField(f func(*Rule) *int) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		v := e.value
		if v.kind != kInt || v.num < 0 || v.num > math.MaxInt32 {
			l.addAt(e, ErrInvalid, "expected a non-negative integer, got %s", v.describe())
			return
		}
		*f(l.r) = int(v.num)
	}
}

// listField reads a string or a list of strings, as ElastAlert2 accepts
// for query_key, alert and the *_args keys.
func listField(f func(*Rule) *[]string) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		v := e.value
		if v.kind == kString {
			*f(l.r) = []string{v.text}
			return
		}
		if v.kind != kList {
			l.addAt(e, ErrInvalid, "expected a string or a list of strings, got %s", v.describe())
			return
		}
		out := make([]string, 0, len(v.items))
		for _, it := range v.items {
			if it.kind == kMap && e.key == "alert" {
				l.add(it, e.key, ErrUnsupported, "alerters with inline options are not supported yet; name the alerter")
				continue
			}
			if it.kind != kString {
				l.add(it, e.key, ErrInvalid, "expected a string, got %s", it.describe())
				continue
			}
			out = append(out, it.text)
		}
		*f(l.r) = out
	}
}

// str reads a string value; ElastAlert2 names may be written as numbers.
func (l *loader) str(e *entry) (string, bool) {
	switch e.value.kind {
	case kString, kInt, kFloat:
		return e.value.text, true
	}
	l.addAt(e, ErrInvalid, "expected a string, got %s", e.value.describe())
	return "", false
}

func boolField(f func(*Rule) *bool) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		if e.value.kind != kBool {
			l.addAt(e, ErrInvalid, "expected a boolean, got %s", e.value.describe())
			return
		}
		*f(l.r) = e.value.boolean
	}
}

// termList reads a blacklist or whitelist: values compared as text.
// ElastAlert2's "!file PATH" entries are not supported yet.
func termList(f func(*Rule) *[]string) func(*loader, *entry) {
	return func(l *loader, e *entry) {
		if e.value.kind != kList {
			l.addAt(e, ErrInvalid, "expected a list of values, got %s", e.value.describe())
			return
		}
		var out []string
		for _, it := range e.value.items {
			switch {
			case it.kind == kString && strings.HasPrefix(it.text, "!file"):
				l.add(it, e.key, ErrUnsupported, "%q entries (values read from a file) are not supported yet", "!file")
			case it.kind == kString || it.kind == kInt || it.kind == kFloat || it.kind == kBool:
				out = append(out, it.text)
			default:
				l.add(it, e.key, ErrInvalid, "expected a value, got %s", it.describe())
			}
		}
		*f(l.r) = out
	}
}

// alertTextTypes are ElastAlert2's alert_text_type values.
var alertTextTypes = map[string]bool{
	"alert_text_only": true, "exclude_fields": true, "aggregation_summary_only": true,
}

func (l *loader) alertTextType(e *entry) {
	s, ok := l.str(e)
	switch {
	case !ok:
	case s == "alert_text_jinja":
		l.addAt(e, ErrUnsupported, "alert_text_type %q is not supported yet (use alert_text with alert_text_args)", s)
	case !alertTextTypes[s]:
		l.addAt(e, ErrInvalid, "unknown alert_text_type %q (alert_text_only, exclude_fields, aggregation_summary_only)", s)
	default:
		l.r.AlertTextType = s
	}
}

// aggregation is a time mapping or {schedule: cron} (ParseSchedule).
func (l *loader) aggregation(e *entry) {
	if e.value.kind == kMap {
		for _, sub := range e.value.entries {
			if sub.key != "schedule" {
				continue
			}
			if len(e.value.entries) > 1 {
				l.addAt(e, ErrInvalid, "aggregation takes either a time or a schedule, not both")
				return
			}
			if sub.value.kind != kString {
				l.addAt(&sub, ErrInvalid, "expected a cron expression such as '*/10 * * * *', got %s", sub.value.describe())
				return
			}
			sched, err := ParseSchedule(sub.value.text)
			if err != nil {
				l.addAt(&sub, ErrInvalid, "aggregation schedule %q: %v", sub.value.text, err)
				return
			}
			l.r.AggregationSchedule = sched
			return
		}
	}
	if d, ok := l.duration(e); ok {
		l.r.Aggregation = d
	}
}

// spikeHeight is the ratio that makes a spike: a positive number.
func (l *loader) spikeHeight(e *entry) {
	v := e.value
	if (v.kind != kInt && v.kind != kFloat) || !(v.num > 0) {
		l.addAt(e, ErrInvalid, "expected a number greater than zero, got %s", v.describe())
		return
	}
	l.r.SpikeHeight = v.num
}

func (l *loader) spikeType(e *entry) {
	s, ok := l.str(e)
	switch {
	case !ok:
	case s == "up" || s == "down" || s == "both":
		l.r.SpikeType = s
	default:
		l.addAt(e, ErrInvalid, "spike_type must be up, down or both, got %q", s)
	}
}
