package rule

import "time"

// validate checks what single keys cannot: required keys and the options
// each supported type needs, as ElastAlert2's loader and rule types do.
func (l *loader) validate(root *node, typ string) {
	r := l.r
	// alert is required by ElastAlert2; logstack lets a rule leave it out
	// and use alerting.default_escalation_policy, which the alerter checks.
	if l.seen["name"] == nil {
		l.add(root, "name", ErrInvalid, "missing required key")
	}
	if e := l.seen["alert"]; e != nil && len(r.Alert) == 0 && e.value.kind == kList && len(e.value.items) == 0 {
		l.addAt(e, ErrInvalid, "alert needs at least one alerter name")
	}
	switch typ {
	case TypeFrequency:
		l.need(root, "num_events", r.NumEvents >= 1, "frequency rules need num_events of at least 1")
		l.need(root, "timeframe", r.Timeframe > 0, "frequency rules need a timeframe greater than zero")
	case TypeBlacklist:
		l.need(root, "compare_key", len(r.CompareKey) == 1, "blacklist rules need one compare_key")
		l.need(root, "blacklist", l.seen["blacklist"] != nil, "blacklist rules need a blacklist")
	case TypeWhitelist:
		l.need(root, "compare_key", len(r.CompareKey) == 1, "whitelist rules need one compare_key")
		l.need(root, "whitelist", l.seen["whitelist"] != nil, "whitelist rules need a whitelist")
		l.need(root, "ignore_null", l.seen["ignore_null"] != nil, "whitelist rules need ignore_null (true or false)")
	case TypeCardinality:
		l.need(root, "cardinality_field", r.CardinalityField != "", "cardinality rules need cardinality_field")
		l.need(root, "timeframe", r.Timeframe > 0, "cardinality rules need a timeframe greater than zero")
		l.need(root, "max_cardinality", r.HasMaxCardinality || r.HasMinCardinality, "cardinality rules need max_cardinality or min_cardinality")
	case TypeSpike:
		l.need(root, "timeframe", r.Timeframe > 0, "spike rules need a timeframe greater than zero")
		l.need(root, "spike_height", r.SpikeHeight > 0, "spike rules need spike_height")
		l.need(root, "spike_type", r.SpikeType != "", "spike rules need spike_type (up, down or both)")
	case TypeSpikeAgg:
		l.need(root, "timeframe", r.Timeframe > 0, "spike_aggregation rules need a timeframe greater than zero")
		l.need(root, "spike_height", r.SpikeHeight > 0, "spike_aggregation rules need spike_height")
		l.need(root, "spike_type", r.SpikeType != "", "spike_aggregation rules need spike_type (up, down or both)")
		l.need(root, "metric_agg_key", r.MetricAggKey != "", "spike_aggregation rules need metric_agg_key")
		l.need(root, "metric_agg_type", r.MetricAggType != "", "spike_aggregation rules need metric_agg_type")
		if r.MetricAggType == "percentiles" {
			l.need(root, "percentile_range", l.seen["percentile_range"] != nil, "metric_agg_type percentiles needs percentile_range")
		}
		if e := l.seen["min_doc_count"]; e != nil && len(l.probsAt(e)) == 0 && r.MinDocCount < 1 {
			l.addAt(e, ErrInvalid, "min_doc_count must be at least 1")
		}
	case TypeChange:
		l.need(root, "compare_key", len(r.CompareKey) > 0, "change rules need compare_key")
		l.need(root, "query_key", len(r.QueryKey) > 0, "change rules need query_key")
		l.need(root, "ignore_null", l.seen["ignore_null"] != nil, "change rules need ignore_null (true or false)")
	case TypeFlatline:
		l.need(root, "threshold", r.Threshold >= 1, "flatline rules need a threshold of at least 1")
		l.need(root, "timeframe", r.Timeframe > 0, "flatline rules need a timeframe greater than zero")
	case TypeNewTerm:
		l.validateNewTerm(root)
	case TypeMetricAgg:
		l.need(root, "metric_agg_key", r.MetricAggKey != "", "metric_aggregation rules need metric_agg_key")
		l.need(root, "metric_agg_type", r.MetricAggType != "", "metric_aggregation rules need metric_agg_type")
		l.need(root, "max_threshold", r.HasMaxThreshold || r.HasMinThreshold, "metric_aggregation rules need max_threshold or min_threshold")
		if r.MetricAggType == "percentiles" {
			l.need(root, "percentile_range", l.seen["percentile_range"] != nil, "metric_agg_type percentiles needs percentile_range")
		}
		l.validateBuckets()
	case TypePercentage:
		l.need(root, "match_bucket_filter", l.seen["match_bucket_filter"] != nil, "percentage_match rules need match_bucket_filter")
		l.need(root, "max_percentage", r.HasMaxPercentage || r.HasMinPercentage, "percentage_match rules need max_percentage or min_percentage")
		l.validateBuckets()
	}
	if e := l.seen["exponential_realert"]; e != nil && r.ExponentialRealert > 0 && r.Realert == 0 {
		l.addAt(e, ErrInvalid, "exponential_realert has no effect when realert is zero")
	}
	if e := l.seen["aggregation_key"]; e != nil && !r.Aggregates() {
		l.addAt(e, ErrInvalid, "aggregation_key has no effect without aggregation")
	}
	if e := l.seen["aggregate_by_match_time"]; e != nil && r.AggregateByMatchTime {
		switch {
		case r.AggregationSchedule != nil:
			l.addAt(e, ErrInvalid, "aggregate_by_match_time has no effect with an aggregation schedule")
		case !r.Aggregates():
			l.addAt(e, ErrInvalid, "aggregate_by_match_time has no effect without aggregation")
		}
	}
	if e := l.seen["alert_text_args"]; e != nil && r.AlertText == "" {
		l.addAt(e, ErrInvalid, "alert_text_args has no effect without alert_text")
	}
	if e := l.seen["alert_subject_args"]; e != nil && r.AlertSubject == "" {
		l.addAt(e, ErrInvalid, "alert_subject_args has no effect without alert_subject")
	}
}

// validateNewTerm checks new_term's fields as ElastAlert2's NewTermsRule
// does: fields or query_key, and use_terms_query only with one plain field
// equal to query_key.
func (l *loader) validateNewTerm(root *node) {
	r := l.r
	l.need(root, "fields", len(r.NewTermFields) > 0 || len(r.QueryKey) > 0, "new_term rules need fields or query_key")
	for _, d := range []struct {
		key string
		val time.Duration
	}{{"terms_window_size", r.TermsWindowSize}, {"window_step_size", r.WindowStepSize}} {
		if e := l.seen[d.key]; e != nil && len(l.probsAt(e)) == 0 && d.val <= 0 {
			l.addAt(e, ErrInvalid, "%s must be greater than zero", d.key)
		}
	}
	e := l.seen["use_terms_query"]
	if e == nil || !r.UseTermsQuery {
		return
	}
	fields := r.NewTermFields
	if len(fields) == 0 {
		fields = [][]string{r.QueryKey}
	}
	switch {
	case len(fields) != 1 || len(fields[0]) != 1:
		l.addAt(e, ErrInvalid, "use_terms_query can only be used with a single non-composite field")
	case len(r.QueryKey) != 1 || r.QueryKey[0] != fields[0][0]:
		l.addAt(e, ErrInvalid, "use_terms_query needs query_key set to the field in fields")
	}
}

// validateBuckets checks bucket_interval and min_doc_count, and warns
// when buffer_time would have set the calculation window in ElastAlert2.
func (l *loader) validateBuckets() {
	if e := l.seen["buffer_time"]; e != nil && l.r.BucketInterval <= 0 && l.seen["use_run_every_query_size"] == nil {
		l.warnings = append(l.warnings, &Problem{File: l.file, Line: e.line, Col: e.col, Path: e.key,
			Err: errorf(ErrUnsupported, "buffer_time-sized calculation windows are not supported yet: this rule computes over each run's events; "+
				"set bucket_interval to the buffer_time to compute over windows of that size")})
	}
	if e := l.seen["bucket_interval"]; e != nil && len(l.probsAt(e)) == 0 && l.r.BucketInterval <= 0 {
		l.addAt(e, ErrInvalid, "bucket_interval must be greater than zero")
	}
	if e := l.seen["sync_bucket_interval"]; e != nil && l.r.BucketInterval <= 0 {
		l.addAt(e, ErrInvalid, "sync_bucket_interval has no effect without bucket_interval")
	}
	if e := l.seen["min_doc_count"]; e != nil && len(l.probsAt(e)) == 0 && l.r.MinDocCount < 1 {
		l.addAt(e, ErrInvalid, "min_doc_count must be at least 1")
	}
}

// need reports key at its own line when present, else at the file start.
func (l *loader) need(root *node, key string, ok bool, msg string) {
	if ok {
		return
	}
	if e := l.seen[key]; e != nil {
		if len(l.probsAt(e)) == 0 {
			l.addAt(e, ErrInvalid, "%s", msg)
		}
		return
	}
	l.add(root, key, ErrInvalid, "%s", msg)
}

// probsAt lists problems already reported for e, to avoid repeating them.
func (l *loader) probsAt(e *entry) []error {
	var out []error
	for _, err := range l.probs {
		if p, ok := err.(*Problem); ok && p.Line == e.line && p.Path == e.key {
			out = append(out, err)
		}
	}
	return out
}
