package rule

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
)

func TestLoadExampleMetricAggregation(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_metric_aggregation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.MetricAggKey != "system.cpu.user.pct" || r.MetricAggType != "avg" || !r.HasMaxThreshold || r.MaxThreshold != 0.8 ||
		r.HasMinThreshold || r.BucketInterval != 5*time.Minute || r.MinDocCount != 1 || r.MetricFormatString != "{:.2%}" ||
		!slices.Equal(r.QueryKey, []string{"beat.hostname"}) {
		t.Fatalf("got %+v", r)
	}
}

func TestLoadExampleSpikeAggregation(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_spike_aggregation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.Type != TypeSpikeAgg || r.MetricAggKey != "system.cpu.user.pct" || r.MetricAggType != "avg" || r.SpikeHeight != 2 ||
		r.SpikeType != "up" || r.Timeframe != 4*time.Hour || r.ThresholdRef != 1 || r.MinDocCount != 1 || len(r.Warnings) != 0 {
		t.Fatalf("got %+v", r)
	}
	if _, err := NewType(r); err != nil {
		t.Fatal(err)
	}
}

func TestLoadExamplePercentageMatch(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_percentage_match.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 2 || r.Warnings[0].Path != "buffer_time" || r.Warnings[0].Line != 9 || !errors.Is(r.Warnings[0], ErrUnsupported) {
		t.Fatalf("warnings %v, want buffer_time's at line 9 first", r.Warnings)
	}
	if !r.HasMinPercentage || r.MinPercentage != 95 || r.HasMaxPercentage || r.MinDenominator != 10 ||
		r.PercentageFormatString != "%.1f" || !slices.Equal(r.QueryKey, []string{"Hostname.keyword"}) {
		t.Fatalf("got %+v", r)
	}
	if got := query.String(r.MatchBucketFilter); got != `ResponseStatus:"200"` {
		t.Fatalf("match_bucket_filter = %s", got)
	}
}

func TestLoadNewTermKeys(t *testing.T) {
	r, err := Load("r.yaml", []byte("name: n\ntype: new_term\nalert: x\nfields: [a, [b, c.d]]\nterms_window_size: {days: 7}\n"+
		"window_step_size: {hours: 6}\nalert_on_missing_field: true\nuse_keyword_postfix: false\nresolve_after: 90m\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NewTermFields) != 2 || !slices.Equal(r.NewTermFields[1], []string{"b", "c.d"}) || r.TermsWindowSize != 7*24*time.Hour ||
		r.WindowStepSize != 6*time.Hour || !r.AlertOnMissingField || r.ResolveAfter != 90*time.Minute {
		t.Fatalf("got %+v", r)
	}
	r, err = Load("r.yaml", []byte("name: n\ntype: new_term\nalert: x\nquery_key: u\nuse_terms_query: true\nresolve_after: {hours: 2}\n"))
	if err != nil || !r.UseTermsQuery || r.ResolveAfter != 2*time.Hour || r.TermsWindowSize != DefaultTermsWindowSize {
		t.Fatalf("got %+v, %v", r, err)
	}
}

// TestLoadTypeProblems checks the new types' keys: wrong values, missing
// requirements, keys of another type and options not implemented, each at
// its line.
func TestLoadTypeProblems(t *testing.T) {
	f := func(src string, want ...string) {
		t.Helper()
		_, err := Load("r.yaml", []byte(src))
		var got []string
		for _, p := range Problems(err) {
			got = append(got, p.Error())
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", src, got, want)
		}
	}
	nt := "name: n\ntype: new_term\nalert: x\n"
	f(nt, `r.yaml:1:1: fields: new_term rules need fields or query_key`)
	f(nt+"fields: 3\n", `r.yaml:4:1: fields: expected a field or a non-empty list of fields, got integer 3`)
	f(nt+"fields: [a, [b, 1], []]\n",
		`r.yaml:4:17: fields: expected a field name, got integer 1`,
		`r.yaml:4:21: fields: expected a field or a non-empty list of fields, got a list`)
	f(nt+"fields: [a]\nterms_window_size: {days: 0}\n", `r.yaml:5:1: terms_window_size: terms_window_size must be greater than zero`)
	f(nt+"fields: [a, b]\nquery_key: a\nuse_terms_query: true\n", `r.yaml:6:1: use_terms_query: use_terms_query can only be used with a single non-composite field`)
	f(nt+"fields: [a]\nquery_key: b\nuse_terms_query: true\n", `r.yaml:6:1: use_terms_query: use_terms_query needs query_key set to the field in fields`)
	f(nt+"fields: [a]\nterms_size: 10\n", `r.yaml:5:1: terms_size: ElastAlert2 option "terms_size" is not supported yet`)
	f(nt+"fields: [a]\nnum_events: 3\n", `r.yaml:5:1: num_events: key "num_events" applies to rule type frequency, not "new_term"`)
	f("name: n\ntype: any\nalert: x\nfields: [a]\n", `r.yaml:4:1: fields: key "fields" applies to rule type new_term, not "any"`)

	ma := "name: n\ntype: metric_aggregation\nalert: x\n"
	f(ma,
		`r.yaml:1:1: metric_agg_key: metric_aggregation rules need metric_agg_key`,
		`r.yaml:1:1: metric_agg_type: metric_aggregation rules need metric_agg_type`,
		`r.yaml:1:1: max_threshold: metric_aggregation rules need max_threshold or min_threshold`)
	ok := ma + "metric_agg_key: v\nmax_threshold: 1\n"
	f(ok+"metric_agg_type: median\n", `r.yaml:6:1: metric_agg_type: metric_agg_type must be one of min, max, avg, sum, cardinality, value_count, percentiles, got "median"`)
	f(ok+"metric_agg_type: percentiles\n", `r.yaml:1:1: percentile_range: metric_agg_type percentiles needs percentile_range`)
	f(ok+"metric_agg_type: percentiles\npercentile_range: 150\n", `r.yaml:7:1: percentile_range: expected a percentile from 0 to 100, got integer 150`)
	ok += "metric_agg_type: sum\n"
	f(ok)
	f(ok+"metric_agg_kye: v\n", `r.yaml:7:1: metric_agg_kye: unknown key "metric_agg_kye" (did you mean "metric_agg_key"?)`)
	f(nt+"fields: [a]\nterms_window: {days: 1}\n", `r.yaml:5:1: terms_window: unknown key "terms_window"`)
	f(ok+"min_threshold: low\n", `r.yaml:7:1: min_threshold: expected a number, got string "low"`)
	f(ok+"metric_format_string: '{:d}'\n", `r.yaml:7:1: metric_format_string: format "{:d}": unknown format code 'd' for a number with a fraction`)
	f(ok+"metric_format_string: '%.2f %s'\n", `r.yaml:7:1: metric_format_string: format "%.2f %s": not enough arguments for format string`)
	f(ok+"metric_agg_script: {script: x}\n", `r.yaml:7:1: metric_agg_script: ElastAlert2 option "metric_agg_script" is not supported yet`)
	f(ok+"allow_buffer_time_overlap: true\n", `r.yaml:7:1: allow_buffer_time_overlap: ElastAlert2 option "allow_buffer_time_overlap" is not supported yet`)
	f(ok + "use_run_every_query_size: true\n")
	f(ok+"use_run_every_query_size: false\n",
		`r.yaml:7:1: use_run_every_query_size: use_run_every_query_size: false is not supported yet (logstack computes over each run's new events (use_run_every_query_size: true) or over bucket_interval buckets; use bucket_interval for a longer window)`)
	f(ok+"bucket_interval: {minutes: 0}\n", `r.yaml:7:1: bucket_interval: bucket_interval must be greater than zero`)
	f(ok+"sync_bucket_interval: true\n", `r.yaml:7:1: sync_bucket_interval: sync_bucket_interval has no effect without bucket_interval`)
	f(ok+"min_doc_count: 0\n", `r.yaml:7:1: min_doc_count: min_doc_count must be at least 1`)
	f(ok+"min_percentage: 3\n", `r.yaml:7:1: min_percentage: key "min_percentage" applies to rule type percentage_match, not "metric_aggregation"`)

	pm := "name: n\ntype: percentage_match\nalert: x\n"
	f(pm,
		`r.yaml:1:1: match_bucket_filter: percentage_match rules need match_bucket_filter`,
		`r.yaml:1:1: max_percentage: percentage_match rules need max_percentage or min_percentage`)
	f(pm+"max_percentage: 5\nmatch_bucket_filter:\n- fuzzy: {a: b}\n",
		`r.yaml:6:3: match_bucket_filter[0].fuzzy: query type "fuzzy" is not supported yet (supported: bool, exists, match, match_all, match_phrase, prefix, query, query_string, range, term, terms, wildcard)`)
	f(pm+"max_percentage: 5\nmatch_bucket_filter: [{term: {a: b}}]\npercentage_format_string: '{:.1f}{'\n",
		`r.yaml:6:1: percentage_format_string: format "{:.1f}{": single '{'`)
	f(pm+"max_percentage: 5\nmatch_bucket_filter: [{term: {a: b}}]\nmetric_agg_key: x\n",
		`r.yaml:6:1: metric_agg_key: key "metric_agg_key" applies to rule type metric_aggregation or spike_aggregation, not "percentage_match"`)

	sa := "name: n\ntype: spike_aggregation\nalert: x\n"
	f(sa,
		`r.yaml:1:1: timeframe: spike_aggregation rules need a timeframe greater than zero`,
		`r.yaml:1:1: spike_height: spike_aggregation rules need spike_height`,
		`r.yaml:1:1: spike_type: spike_aggregation rules need spike_type (up, down or both)`,
		`r.yaml:1:1: metric_agg_key: spike_aggregation rules need metric_agg_key`,
		`r.yaml:1:1: metric_agg_type: spike_aggregation rules need metric_agg_type`)
	sa += "timeframe: {hours: 1}\nspike_height: 2\nspike_type: up\nmetric_agg_key: b\n"
	f(sa+"metric_agg_type: percentiles\n", `r.yaml:1:1: percentile_range: metric_agg_type percentiles needs percentile_range`)
	f(sa+"metric_agg_type: sum\nbucket_interval: 5m\n",
		`r.yaml:9:1: bucket_interval: key "bucket_interval" applies to rule type metric_aggregation or percentage_match, not "spike_aggregation"`)
	f(sa+"metric_agg_type: sum\nfield_value: b\n", `r.yaml:9:1: field_value: key "field_value" applies to rule type spike, not "spike_aggregation"`)
	f(sa + "metric_agg_type: sum\nmin_doc_count: 2\nthreshold_cur: 5\nalert_on_new_data: true\n")

	base := "name: n\ntype: any\nalert: x\n"
	f(base+"aggregate_by_match_time: true\n", `r.yaml:4:1: aggregate_by_match_time: aggregate_by_match_time has no effect without aggregation`)
	f(base+"aggregation: {schedule: '@hourly'}\naggregate_by_match_time: true\n",
		`r.yaml:5:1: aggregate_by_match_time: aggregate_by_match_time has no effect with an aggregation schedule`)
	f(base + "aggregation: {minutes: 5}\naggregate_by_match_time: true\n")
	f(base + "resolve_after: 10m\n")
	f(base+"resolve_after: soon\n", `r.yaml:4:1: resolve_after: expected a time such as {minutes: 5} or "5m": invalid duration "soon"`)
	f(base+"resolve_after: -5m\n", `r.yaml:4:1: resolve_after: resolve_after must be from 0 to 100 years, got "-5m"`)
	f(base+"resolve_after: 5\n", `r.yaml:4:1: resolve_after: expected a time such as {minutes: 5} (units weeks, days, hours, minutes, seconds, milliseconds), got integer 5`)
}
