// Package esfake is a PROTOCOL-LEVEL FAKE of Elasticsearch and OpenSearch,
// not a real cluster: an in-memory net/http handler written from the
// documented REST API, so that logstack's Elasticsearch store backend can be
// tested (writes, retries, duplicates, rejections, searches, aggregations)
// on a machine where no cluster can be installed. Passing tests against it
// show that the backend speaks the documented protocol; they do not replace
// a run against a real cluster.
//
// Implemented (see HELPERS.md, "DSL subset"):
//   - GET / (name, cluster_name, version{number, distribution for
//     OpenSearch}, tagline), X-Elastic-Product on Elasticsearch >= 7.14;
//   - PUT/GET/HEAD/DELETE _index_template/<name> (composable: Elasticsearch
//     >= 7.8 and OpenSearch; older versions answer 405 as the real router
//     does), PUT/GET/HEAD/DELETE _template/<name> (legacy); templates apply
//     their settings and mappings (properties, dynamic_templates, dynamic,
//     date_detection) to new indices matching index_patterns, the highest
//     priority composable template winning, else every matching legacy
//     template merged by order;
//   - PUT/HEAD/GET/DELETE /<index>, GET /<index>/_mapping, POST
//     /<pattern>/_refresh (a no-op: every write is searchable at once),
//     GET /_cat/indices[/<pattern>] (format=json or text, h=, bytes=b);
//   - PUT/GET/DELETE /_data_stream/<name> (Elasticsearch >= 7.9, OpenSearch)
//     and create-only writes into data streams (backing .ds- indices);
//   - POST /_bulk and /<index>/_bulk (NDJSON; create, index, delete) with
//     per-item status and error{type, reason}: 409
//     version_conflict_engine_exception for create on an existing _id, 400
//     mapper_parsing_exception for a value that does not fit its mapped type,
//     dynamic mapping of new fields (strings to text + keyword unless a
//     dynamic template or date detection applies, integers to long, other
//     numbers to float, booleans to boolean);
//   - GET|POST /<pattern>/_search and _count with comma lists, wildcards,
//     exclusions, ignore_unavailable and allow_no_indices; queries match_all,
//     match_none, bool (must, filter, should, must_not,
//     minimum_should_match), term, terms, ids, match (operator or/and),
//     match_phrase, wildcard and prefix (case_insensitive), range (numeric,
//     date with ISO strings, epoch_millis and simple now-based date math,
//     ip, string), exists; sort by fields (asc/desc, _doc, _score), from,
//     size, search_after, track_total_hits, _source on/off and includes;
//     aggregations terms (order by _count/_key, size, min_doc_count,
//     missing) and date_histogram (fixed_interval, calendar_interval of
//     fixed length, min_doc_count, extended_bounds, offset), nested as
//     sub-aggregations;
//   - failure injection: FailRequests, FailItems, SetDown.
//
// Text fields are analysed with an approximation of the standard analyzer:
// tokens are maximal runs of Unicode letters, digits, marks and '_',
// lowercased. Dotted field paths address nested objects and dotted keys
// alike, and an array matches when any element matches.
//
// Not implemented: relevance scoring (every hit scores 1.0), update and
// scripted bulk actions, aliases, component templates (composed_of is
// refused), nested documents (nested is treated as object), runtime fields,
// query_string and other queries, metric and pipeline aggregations, time
// zones other than UTC, security (credentials are accepted and ignored),
// shards, replicas and refresh semantics (documents are visible at once),
// persistence.
package esfake
