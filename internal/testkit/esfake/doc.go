// Package esfake is a PROTOCOL-LEVEL FAKE of Elasticsearch and OpenSearch,
// not a real cluster: an in-memory net/http handler written from the
// documented REST API, so that logstack's Elasticsearch store backend can be
// tested (writes, retries, duplicates, rejections, searches, aggregations)
// on a machine where no cluster can be installed. Passing tests against it
// show that the backend speaks the documented protocol; they do not replace
// a run against a real cluster.
//
// Start(t, WithVersion("elasticsearch", "8.15.0")) serves it on loopback;
// FailRequests, FailItems and SetDown inject failures; IDCounts, Indices,
// BulkRequests and Requests let a test check what arrived.
//
// Implemented (see HELPERS.md, "DSL subset"):
//   - GET / (name, cluster_name, version{number, distribution for
//     OpenSearch}, tagline); X-Elastic-Product on Elasticsearch >= 7.14;
//     406 for a body whose Content-Type is not JSON or NDJSON; gzip bodies;
//   - PUT/GET/HEAD/DELETE _index_template/<name> (composable: Elasticsearch
//     >= 7.8 and OpenSearch; older versions answer 405 as their router
//     does) and _template/<name> (legacy); new indices take the settings
//     and mappings (properties, dynamic_templates, dynamic, date_detection)
//     of the highest-priority matching composable template, else of every
//     matching legacy template merged by order; same-priority overlapping
//     composable templates are refused;
//   - PUT/HEAD/GET/DELETE /<index> (DELETE refuses wildcards on
//     Elasticsearch 8), GET/PUT /<index>/_mapping, GET /_mapping, the
//     single-document APIs (/<index>/_doc[/<id>], /<index>/_create/<id>),
//     GET /_cluster/health (one node),
//     /<pattern>/_refresh (a no-op: every write is searchable at once),
//     GET /_cat/indices[/<pattern>] (format=json or text, h=, bytes=b;
//     every value a string);
//   - PUT/GET/DELETE /_data_stream/<name> (Elasticsearch >= 7.9,
//     OpenSearch), create-only writes into data streams, POST
//     /<stream>/_rollover, deletion of backing indices but the write index;
//   - POST /_bulk and /<index>/_bulk (NDJSON; create, index, delete) with
//     per-item status and error{type, reason, caused_by}: 409
//     version_conflict_engine_exception for create on an existing _id; 400
//     document_parsing_exception (Elasticsearch >= 8.8) or
//     mapper_parsing_exception (before, and OpenSearch) for a value that
//     does not fit its mapped type; dynamic mapping of new fields (strings
//     to text + keyword unless a dynamic template or date detection
//     applies, integers to long, other numbers to float, booleans);
//     index.mapping.total_fields.limit; malformed bodies refused whole;
//   - GET|POST /<pattern>/_search and _count over comma lists, wildcards,
//     exclusions, data streams, ignore_unavailable and allow_no_indices;
//     queries match_all, match_none, bool (must, filter, should, must_not,
//     minimum_should_match), constant_score, term, terms, ids, match
//     (operator or/and), match_phrase, wildcard and prefix
//     (case_insensitive), range (numeric, date with ISO strings,
//     epoch_millis, format, now-based date math and the documented
//     rounding up of missing time components in upper bounds, ip, string),
//     exists; _id and _index as fields; sort by fields (asc/desc, missing,
//     unmapped_type, _doc, _score), from, size (index.max_result_window),
//     search_after, track_total_hits, rest_total_hits_as_int, _source
//     on/off/includes/excludes; aggregations terms (order by _count/_key,
//     size, min_doc_count, missing), date_histogram (fixed_interval,
//     calendar_interval, interval before 8.0, min_doc_count,
//     extended_bounds, offset), min, max, avg, sum, value_count,
//     cardinality, stats, percentiles (percents, keyed), nested as
//     sub-aggregations, search.max_buckets. Percentiles are EXACT in the
//     fake (nearest rank, as logstack's alarms compute them), while a real
//     cluster approximates them with a TDigest and interpolates: a test
//     of percentile values against the fake proves the request and reply
//     formats, not a real cluster's numbers;
//   - filter_path on every endpoint (inclusions, '*' and '**');
//   - failure injection: FailRequests, FailItems, SetDown.
//
// Text fields are analysed by their analyzer and search_analyzer: custom
// ones from the index settings (analysis: tokenizers standard, whitespace,
// keyword, letter, pattern; filters lowercase, uppercase, truncate, trim;
// an unknown analyzer fails index and template creation) and the built-in
// simple, whitespace, keyword and standard. The standard one is an
// approximation: tokens are maximal runs of Unicode letters, digits, marks
// and '_', lowercased (the real tokenizer follows Unicode text
// segmentation and keeps "example.com", "1.5" or "don't" whole). Dotted field
// paths address nested objects and dotted keys alike; an array matches
// when any element matches; date fields keep millisecond precision,
// date_nanos nanoseconds; float fields float32 precision.
//
// Not implemented: relevance scoring (every hit scores 1.0), update and
// scripted bulk actions, aliases, component templates (composed_of is
// refused), ingest pipelines, nested documents (nested is treated as
// object), runtime fields, query_string (q= is refused) and other
// queries, pipeline and most metric aggregations, time zones other than
// UTC (refused), filter_path exclusions, the [line:col] prefix of
// document parsing errors, security (credentials are accepted and
// ignored), Amazon OpenSearch Serverless specifics, shards and replicas
// (one primary per index; no partial results: a query a shard refuses
// fails the whole search), refresh semantics (documents are visible at
// once), persistence.
package esfake
