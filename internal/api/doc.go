// Package api serves logstack's read side over HTTP: search and
// aggregation for the CLI, the web UI and scripts. Requests carry a
// Lucene-style query and a time range; answers are JSON.
package api
