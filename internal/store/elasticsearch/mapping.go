package elasticsearch

import (
	"maps"
	"slices"
	"strings"
)

// Mapping types a field can be given.
const (
	typeKeyword = "keyword"
	typeText    = "text"
	typeLong    = "long"
	typeDouble  = "double"
	typeIP      = "ip"
	typeDate    = "date"
	typeBoolean = "boolean"
)

var knownTypes = map[string]bool{typeKeyword: true, typeText: true, typeLong: true, typeDouble: true, typeIP: true, typeDate: true, typeBoolean: true}

// builtinFields are mapped explicitly so that the reference team's
// "mapping templates not set up correctly" cannot happen: the built-in
// fields, the DuckDB store's default columns (so both backends type them
// alike), and the typed fields of AWS load-balancer logs (docs/ELB.md).
// Every other string is a keyword (dynamic template), numbers and booleans
// take Elasticsearch's dynamic types. Fields that are text in DuckDB too
// (message) are the only analyzed ones, so that a term on any other field
// is exact equality, as in DuckDB.
var builtinFields = []Field{
	{"@timestamp", typeDate},
	{"event.id", typeKeyword},
	{"message", typeText},
	// DuckDB's default columns.
	{"log.level", typeKeyword},
	{"host.name", typeKeyword},
	{"service.name", typeKeyword},
	{"event.dataset", typeKeyword},
	{"http.response.status_code", typeLong},
	{"http.request.method", typeKeyword},
	{"url.original", typeKeyword},
	{"source.ip", typeIP},
	{"user_agent.original", typeKeyword},
	// Load-balancer logs (internal/elb).
	{"source.port", typeLong},
	{"source.bytes", typeLong},
	{"destination.bytes", typeLong},
	{"destination.port", typeLong},
	{"destination.domain", typeKeyword},
	{"http.request.body.bytes", typeLong},
	{"http.response.body.bytes", typeLong},
	{"http.version", typeKeyword},
	{"url.port", typeLong},
	{"log.offset", typeLong},
	{"aws.elb.backend.ip", typeIP},
	{"aws.elb.backend.port", typeLong},
	{"aws.elb.backend.http.response.status_code", typeLong},
	{"aws.elb.matched_rule_priority", typeLong},
	{"aws.elb.request_processing_time.sec", typeDouble},
	{"aws.elb.backend_processing_time.sec", typeDouble},
	{"aws.elb.response_processing_time.sec", typeDouble},
	{"aws.elb.connection_time.ms", typeDouble},
	{"aws.elb.tls_handshake_time.ms", typeDouble},
	{"aws.elb.tls_handshake_latency.sec", typeDouble},
	{"aws.elb.name", typeKeyword},
	{"aws.elb.type", typeKeyword},
	{"aws.elb.protocol", typeKeyword},
	{"aws.elb.trace_id", typeKeyword},
	{"aws.elb.target_port", typeKeyword},
	{"aws.elb.target_status_code", typeLong},
	{"trace.id", typeKeyword},
	{"event.original", typeKeyword},
}

// keywordIgnoreAbove keeps over-long strings out of the keyword index
// (Lucene refuses terms over 32766 bytes; 8191 characters fit in UTF-8),
// so that a huge value does not get its event rejected. Such a value is
// stored but cannot be matched exactly.
const keywordIgnoreAbove = 8191

// wordsAnalyzer is the analyzer of text fields: words as the DuckDB store
// defines them (maximal runs of letters, digits, marks and '_'),
// lowercased. The standard analyzer would keep "example.com" or "1.5" as
// one token where DuckDB sees two words; with this one a word or phrase
// query finds the same events on both backends. Words are cut at 1024
// characters, so that no term exceeds Lucene's limit and rejects its
// event.
const wordsAnalyzer = "logstack_words"

// analysis is the index settings' definition of wordsAnalyzer.
func analysis() map[string]any {
	return map[string]any{
		"tokenizer": map[string]any{wordsAnalyzer: map[string]any{
			"type": "pattern", "pattern": `[^\p{L}\p{N}\p{M}_]+`,
		}},
		"filter": map[string]any{"logstack_truncate": map[string]any{"type": "truncate", "length": 1024}},
		"analyzer": map[string]any{wordsAnalyzer: map[string]any{
			"type": "custom", "tokenizer": wordsAnalyzer, "filter": []any{"lowercase", "logstack_truncate"},
		}},
	}
}

// fieldTypes returns the mapped fields: built-ins overridden and extended
// by extra (store.columns), and message always text.
func fieldTypes(extra []Field) map[string]string {
	out := make(map[string]string, len(builtinFields)+len(extra))
	for _, f := range builtinFields {
		out[f.Field] = f.Type
	}
	for _, f := range extra {
		if f.Field == "@timestamp" || f.Field == "event.id" {
			continue
		}
		out[f.Field] = f.Type
	}
	return out
}

// properties builds the nested "properties" object of the mapping.
func properties(types map[string]string) map[string]any {
	root := map[string]any{}
	for _, field := range slices.Sorted(maps.Keys(types)) {
		typ := types[field]
		node := root
		parts := strings.Split(field, ".")
		for _, p := range parts[:len(parts)-1] {
			child, _ := node[p].(map[string]any)
			props, ok := child["properties"].(map[string]any)
			if !ok { // absent, or a leaf that an object field overrides
				props = map[string]any{}
				node[p] = map[string]any{"properties": props}
			}
			node = props
		}
		if existing, _ := node[parts[len(parts)-1]].(map[string]any); existing["properties"] != nil {
			continue // an object already (a.b.c typed too): keep the object
		}
		leaf := map[string]any{"type": typ}
		switch typ {
		case typeKeyword:
			leaf["ignore_above"] = keywordIgnoreAbove
		case typeText:
			leaf["analyzer"] = wordsAnalyzer
		}
		node[parts[len(parts)-1]] = leaf
	}
	return root
}

// mappings is the index mapping: explicit properties, other strings as
// keywords, no date detection (a date-like string stays a string, as in
// DuckDB, where only @timestamp is a date).
func mappings(types map[string]string) map[string]any {
	return map[string]any{
		"date_detection": false,
		"dynamic_templates": []any{
			map[string]any{"strings_as_keyword": map[string]any{
				"match_mapping_type": "string",
				"mapping":            map[string]any{"type": typeKeyword, "ignore_above": keywordIgnoreAbove},
			}},
		},
		"properties": properties(types),
	}
}
