// Package rule loads ElastAlert2 rule files unchanged and gives them
// logstack semantics, so that teams migrating from ElastAlert2 keep their
// rules (issue 5, scope point 1).
//
// It has three parts, each usable on its own:
//   - Load and LoadFile read a rule file strictly: every key is either
//     understood, known but not supported yet, or unknown, and the last two
//     are reported with file:line instead of being silently ignored.
//   - ParseFilter (and Load) turn the ElastAlert2 filter list (a subset of the
//     Elasticsearch query DSL) into logstack's query AST, so that a rule runs
//     on either store backend.
//   - The rule types (any, frequency, flatline, spike, change, blacklist,
//     whitelist, cardinality, new_term, metric_aggregation,
//     percentage_match; see NewType) and Realert reproduce
//     ElastAlert2's documented semantics over matched events in simulated
//     time: they never read a clock, so tests and `logstack rules test`
//     replay history deterministically. Types that need history before
//     their first run (new_term) also implement Historian.
//   - Matches evaluates a filter against one event in memory with the
//     DuckDB backend's semantics; Aggregator batches matches (aggregation,
//     aggregation_key); Rule.Subject and Rule.Text render alert_subject and
//     alert_text with their *_args; Replay and ReadEvents put it all
//     together for `logstack rules test`.
//
// See docs/ALERTING-RULES.md for the supported keys and the documented
// differences from ElastAlert2.
package rule
