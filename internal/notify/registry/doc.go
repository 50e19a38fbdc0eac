// Package registry turns the `alerting.notifiers` section of the config into
// ready notifiers: each built by its package's New with its secrets resolved,
// and wrapped in a notify.Retrier sharing one notify.Metrics.
//
// It exists so that neither the config package (a leaf every command loads)
// nor the notify packages (which know nothing of YAML or secrets) depend on
// each other: this package is the one place that maps config.Notifier's
// per-type settings onto webhook.Config, slack.Config, ... and its test keeps
// the two in step key for key.
package registry
