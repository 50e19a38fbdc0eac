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
	Aggregation    time.Duration
	AggregationKey []string

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

// DefaultRealert is ElastAlert2's realert default.
const DefaultRealert = time.Minute

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
)

// elastAlertTypes are the rule types ElastAlert2 defines, with whether
// logstack evaluates them yet.
var elastAlertTypes = map[string]bool{
	TypeAny: true, TypeFrequency: true, TypeFlatline: true,
	TypeBlacklist: true, TypeWhitelist: true, TypeSpike: true, TypeChange: true,
	"new_term": false, TypeCardinality: true, "metric_aggregation": false,
	"spike_aggregation": false, "percentage_match": false,
}
