package rule

import (
	"time"

	"github.com/logstack/logstack/internal/query"
)

// Rule is one loaded ElastAlert2 rule file, with ElastAlert2's defaults
// applied. Durations come from ElastAlert2 time mappings ({minutes: 5}).
type Rule struct {
	// File is the path the rule was loaded from, for messages.
	File string
	// Name identifies the rule; realert and alert keys use it.
	Name string
	// Type is the rule type ("any", "frequency", "flatline").
	Type string
	// Index is kept only to show it: the embedded store has no indices.
	Index       string
	Description string
	// Filter is the translated filter list (query.MatchAll when empty).
	Filter query.Node

	Timeframe  time.Duration
	BufferTime time.Duration // zero: the alerter's global default
	QueryDelay time.Duration
	// Realert suppresses repeats per rule and query_key value; default 1m.
	Realert            time.Duration
	ExponentialRealert time.Duration // zero: off
	// Aggregation batches matches for this long before alerting; zero: off.
	Aggregation time.Duration
	// AggregationSchedule batches matches until the schedule's next time
	// (aggregation: {schedule: cron}) instead; nil: off.
	AggregationSchedule *Schedule
	AggregationKey      []string
	// AggregateByMatchTime dates a batch from its first match's event
	// time instead of the run that found it (aggregation as a time only).
	AggregateByMatchTime bool

	// CompareKey, Blacklist, Whitelist and IgnoreNull configure the
	// blacklist and whitelist types.
	CompareKey []string // a list only for change (compound compare key)
	Blacklist  []string
	Whitelist  []string
	IgnoreNull bool

	// CardinalityField, MaxCardinality and MinCardinality configure the
	// cardinality type; a bound is set when its Has* flag is.
	CardinalityField  string
	MaxCardinality    int
	MinCardinality    int
	HasMaxCardinality bool
	HasMinCardinality bool

	// SpikeHeight, SpikeType, ThresholdRef, ThresholdCur and
	// AlertOnNewData configure the spike type.
	SpikeHeight    float64
	SpikeType      string // up, down or both
	ThresholdRef   int
	ThresholdCur   int
	AlertOnNewData bool
	// FieldValue makes spike compare the mean of this numeric field over
	// each window instead of event counts.
	FieldValue string

	// NewTermFields, TermsWindowSize, WindowStepSize and
	// AlertOnMissingField configure new_term: each entry of NewTermFields
	// is one field, or several forming a composite term.
	NewTermFields       [][]string
	TermsWindowSize     time.Duration // default DefaultTermsWindowSize
	WindowStepSize      time.Duration // default DefaultWindowStepSize
	AlertOnMissingField bool
	UseTermsQuery       bool

	// Metric aggregation (metric_aggregation) and percentage options; a
	// threshold is set when its Has* flag is.
	MetricAggKey       string
	MetricAggType      string
	PercentileRange    float64
	MaxThreshold       float64
	MinThreshold       float64
	HasMaxThreshold    bool
	HasMinThreshold    bool
	MetricFormatString string
	MinDocCount        int // default 1: groups need this many events

	// MatchBucketFilter, MinPercentage, MaxPercentage, MinDenominator and
	// PercentageFormatString configure percentage_match.
	MatchBucketFilter      query.Node
	MinPercentage          float64
	MaxPercentage          float64
	HasMinPercentage       bool
	HasMaxPercentage       bool
	MinDenominator         int
	PercentageFormatString string

	// BucketInterval splits metric_aggregation and percentage_match
	// calculations into buckets aligned on multiples of it; zero: one
	// calculation per run.
	BucketInterval time.Duration

	// ResolveAfter is logstack's own key: an alert episode resolves when
	// no raw match came for this long. Zero lets the evaluator use
	// max(timeframe, realert, run_every).
	ResolveAfter time.Duration

	NumEvents  int // frequency
	Threshold  int // flatline
	ForgetKeys bool

	// QueryKey groups windows and realert by these fields' values.
	QueryKey []string

	AlertSubject     string
	AlertSubjectArgs []string
	AlertText        string
	AlertTextArgs    []string
	AlertTextType    string
	TopCountKeys     []string
	Include          []string
	// Alert names the alerters ("email", "slack", ...); mapping them to
	// logstack notifiers is the alerter's job.
	Alert []string
	// AlerterOptions holds ElastAlert2 alerter options (email,
	// slack_webhook_url, ...) as plain values (string, float64, bool,
	// []any, map[string]any), for mapping alert names to notifiers.
	AlerterOptions map[string]any
	// Warnings lists what loaded but has no effect yet (alerter options).
	Warnings []*Problem
}

// Defaults ElastAlert2 applies to rules that do not set the key.
const (
	// DefaultRealert is realert's default.
	DefaultRealert = time.Minute
	// DefaultTermsWindowSize is how much history new_term learns from.
	DefaultTermsWindowSize = 30 * 24 * time.Hour
	// DefaultWindowStepSize is the step new_term's history is queried in.
	DefaultWindowStepSize = 24 * time.Hour
)

// Rule types this package evaluates.
const (
	TypeAny         = "any"
	TypeFrequency   = "frequency"
	TypeFlatline    = "flatline"
	TypeBlacklist   = "blacklist"
	TypeWhitelist   = "whitelist"
	TypeCardinality = "cardinality"
	TypeSpike       = "spike"
	TypeChange      = "change"
	TypeNewTerm     = "new_term"
	TypeMetricAgg   = "metric_aggregation"
	TypeSpikeAgg    = "spike_aggregation"
	TypePercentage  = "percentage_match"
)

// supportedTypes lists the evaluated types for messages.
const supportedTypes = "any, frequency, flatline, spike, change, blacklist, whitelist, cardinality, new_term, metric_aggregation, spike_aggregation, percentage_match"

// elastAlertTypes are the rule types ElastAlert2 defines, with whether
// logstack evaluates them yet.
var elastAlertTypes = map[string]bool{
	TypeAny: true, TypeFrequency: true, TypeFlatline: true,
	TypeBlacklist: true, TypeWhitelist: true, TypeSpike: true, TypeChange: true,
	TypeNewTerm: true, TypeCardinality: true, TypeMetricAgg: true,
	TypeSpikeAgg: true, TypePercentage: true,
}

// Aggregates reports whether matches are batched (aggregation as a time or
// a schedule) rather than sent at once.
func (r *Rule) Aggregates() bool {
	return r.Aggregation > 0 || r.AggregationSchedule != nil
}
