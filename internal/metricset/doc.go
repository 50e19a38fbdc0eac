// Package metricset registers a component's Prometheus collectors as one
// unit on an injected Registerer: all or none when the component opens, all
// removed when it closes, so that a component reopened on the same registry
// (tests, an in-process restart of the app) can register again.
package metricset
