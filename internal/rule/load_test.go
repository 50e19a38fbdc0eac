package rule

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
)

func TestLoadExampleFrequency(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_frequency.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := Rule{Name: "Example frequency rule", Type: TypeFrequency, Index: "logstash-*", NumEvents: 50,
		Timeframe: 4 * time.Hour, Realert: DefaultRealert, Alert: []string{"email"}}
	if r.Name != want.Name || r.Type != want.Type || r.Index != want.Index || r.NumEvents != want.NumEvents ||
		r.Timeframe != want.Timeframe || r.Realert != want.Realert || !slices.Equal(r.Alert, want.Alert) {
		t.Fatalf("got %+v", r)
	}
	if got := query.String(r.Filter); got != `some_field:"some_value"` {
		t.Fatalf("filter = %s", got)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Line != 44 || !errors.Is(r.Warnings[0], ErrUnsupported) {
		t.Fatalf("warnings = %v", r.Warnings)
	}
	if got := r.AlerterOptions["email"]; !slices.Equal(got.([]any), []any{"elastalert@example.com"}) {
		t.Fatalf("email option = %v", got)
	}
}

func TestLoadExampleAny(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_any.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.Realert != 10*time.Minute || r.ExponentialRealert != time.Hour || !slices.Equal(r.QueryKey, []string{"host"}) ||
		r.AlertSubject != "Error on {0}" || !slices.Equal(r.AlertTextArgs, []string{"host"}) ||
		r.AlertTextType != "alert_text_only" || len(r.Include) != 3 || !slices.Equal(r.TopCountKeys, []string{"host"}) {
		t.Fatalf("got %+v", r)
	}
	if got := query.String(r.Filter); got != "level:error AND service:broker" {
		t.Fatalf("filter = %s", got)
	}
}

func TestLoadExampleFlatline(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_flatline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.Threshold != 1 || !r.ForgetKeys || r.Timeframe != 30*time.Minute || !slices.Equal(r.QueryKey, []string{"service", "host"}) ||
		r.BufferTime != 45*time.Minute || r.QueryDelay != 30*time.Second || r.Aggregation != 5*time.Minute ||
		!slices.Equal(r.AggregationKey, []string{"service"}) {
		t.Fatalf("got %+v", r)
	}
	if got := query.String(r.Filter); got != `_exists_:service AND NOT service:"test"` {
		t.Fatalf("filter = %s", got)
	}
}

func TestLoadExampleSpike(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_spike.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.SpikeHeight != 3 || r.SpikeType != "up" || r.ThresholdCur != 5 || r.Timeframe != 2*time.Hour {
		t.Fatalf("got %+v", r)
	}
}

func TestLoadExampleNewTerm(t *testing.T) {
	r, err := LoadFile("testdata/rules/example_new_term.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NewTermFields) != 1 || !slices.Equal(r.NewTermFields[0], []string{"username"}) ||
		r.TermsWindowSize != 30*24*time.Hour || r.WindowStepSize != DefaultWindowStepSize || r.AlertOnMissingField {
		t.Fatalf("got %+v", r)
	}
}

// TestLoadProblems checks that every problem is reported at its line,
// all at once, with the right class.
func TestLoadProblems(t *testing.T) {
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
	base := "name: n\ntype: any\nalert: [debug]\n"
	f(base)
	f(base+"num_evnts: 3\n", `r.yaml:4:1: num_evnts: unknown key "num_evnts" (did you mean "num_events"?)`)
	f(base+"bogus: 1\n", `r.yaml:4:1: bogus: unknown key "bogus"`)
	f(base+"use_count_query: true\n", `r.yaml:4:1: use_count_query: ElastAlert2 option "use_count_query" is not supported yet`)
	f("name: n\ntype: frequency\nnum_events: 1\ntimeframe: {hours: 1}\nalert: x\nuse_terms_query: true\n", `r.yaml:6:1: use_terms_query: ElastAlert2 option "use_terms_query" is not supported yet`)
	f("name: n\ntype: spike\nspike_height: 0\nspike_type: sideways\ntimeframe: {hours: 1}\nalert: x\n",
		`r.yaml:3:1: spike_height: expected a number greater than zero, got integer 0`,
		`r.yaml:4:1: spike_type: spike_type must be up, down or both, got "sideways"`)
	f(base+"num_events: 3\n", `r.yaml:4:1: num_events: key "num_events" applies to rule type frequency, not "any"`)
	f(base+"realert: 5m\n", `r.yaml:4:1: realert: expected a time such as {minutes: 5} (units weeks, days, hours, minutes, seconds, milliseconds), got string "5m"`)
	f(base+"realert: {mins: 5}\n", `r.yaml:4:11: mins: unknown time unit "mins" (weeks, days, hours, minutes, seconds, milliseconds)`)
	f(base + "aggregation: {schedule: '2 4 * * mon,fri'}\n")
	f(base+"aggregation: {schedule: '2 4 * *'}\n", `r.yaml:4:15: schedule: aggregation schedule "2 4 * *": expected exactly 5 fields, found 4: [2 4 * *]`)
	f(base+"aggregation: {schedule: 5}\n", `r.yaml:4:15: schedule: expected a cron expression such as '*/10 * * * *', got integer 5`)
	f(base+"aggregation: {schedule: '@hourly', minutes: 5}\n", `r.yaml:4:1: aggregation: aggregation takes either a time or a schedule, not both`)
	f(base+"alert_text_type: alert_text_jinja\n", `r.yaml:4:1: alert_text_type: alert_text_type "alert_text_jinja" is not supported yet (use alert_text with alert_text_args)`)
	f("name: n\ntype: frequency\nalert: x\n",
		`r.yaml:1:1: num_events: frequency rules need num_events of at least 1`,
		`r.yaml:1:1: timeframe: frequency rules need a timeframe greater than zero`)
	f("type: flatline\nthreshold: -1\ntimeframe: {hours: 1}\n",
		`r.yaml:2:1: threshold: expected a non-negative integer, got integer -1`,
		`r.yaml:1:1: name: missing required key`)
	f("name: n\ntype: frequence\nalert: x\n", `r.yaml:2:1: type: unknown rule type "frequence" (supported: any, frequency, flatline, spike, change, blacklist, whitelist, cardinality, new_term, metric_aggregation, spike_aggregation, percentage_match)`)
	f("name: n\ntype: my.module.Rule\nalert: x\n", `r.yaml:2:1: type: custom rule type "my.module.Rule" (a Python module) cannot run in logstack`)
	f("name: n\nalert: x\n", `r.yaml:1:1: type: missing required key (one of any, frequency, flatline, spike, change, blacklist, whitelist, cardinality, new_term, metric_aggregation, spike_aggregation, percentage_match)`)
	f(base+"name: m\n", `r.yaml:4:1: mapping key "name" already defined at [1:1]`)
	f("name: n\ntype: any\nalert:\n- email: {email: a@b}\n", `r.yaml:4:3: alert: alerters with inline options are not supported yet; name the alerter`)
	f("- a\n", `r.yaml:1:1: a rule file holds a mapping of options, got a list`)
	f(base+"x: &a 1\ny: *a\n", `r.yaml:5:4: YAML aliases are not supported in rule files; write the value out`)
	f(base+"filter:\n- term: {a: 1}\n- fuzzy: {a: b}\n", `r.yaml:6:3: filter[1].fuzzy: query type "fuzzy" is not supported yet (supported: bool, exists, match, match_all, match_phrase, prefix, query, query_string, range, term, terms, wildcard)`)
	f(base+"exponential_realert: {hours: 1}\nrealert: {minutes: 0}\n", `r.yaml:4:1: exponential_realert: exponential_realert has no effect when realert is zero`)
}

func TestLoadSyntaxError(t *testing.T) {
	_, err := Load("r.yaml", []byte("name: [unclosed\n"))
	ps := Problems(err)
	if len(ps) != 1 || !errors.Is(ps[0], ErrSyntax) || ps[0].Line == 0 {
		t.Fatalf("got %v", err)
	}
}
