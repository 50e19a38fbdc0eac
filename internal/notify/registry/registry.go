package registry

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/notify"
)

// Build builds every configured notifier, keyed by its configured name,
// each wrapped in a notify.Retrier with its retry policy; the Retriers share
// one notify.Metrics registered with reg (nil: not registered). log (nil:
// discard) gets the Retriers' warnings. Build makes no network call: New
// only validates and parses templates, so it runs at start-up (and in
// `config validate`) and every problem is returned at once, each a
// *config.Problem naming the notifier and the file:line of its definition.
func Build(notifiers map[string]config.Notifier, log *slog.Logger, reg prometheus.Registerer) (map[string]notify.Notifier, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	metrics := notify.NewMetrics(reg)
	out := make(map[string]notify.Notifier, len(notifiers))
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(notifiers)) {
		n := notifiers[name]
		inner, err := build(n)
		if err != nil {
			errs = append(errs, n.Locate(name, err))
			continue
		}
		out[name] = notify.NewRetrier(name, inner, RetryPolicy(n.Retry), metrics, log)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// RetryPolicy converts the config's retry keys; zero fields keep
// notify.DefaultRetryPolicy's values (NewRetrier fills them).
func RetryPolicy(r config.Retry) notify.RetryPolicy {
	return notify.RetryPolicy{Initial: r.Initial.Std(), Max: r.Max.Std(), AttemptTimeout: r.AttemptTimeout.Std()}
}

// build dispatches on the notifier's type.
func build(n config.Notifier) (notify.Notifier, error) {
	b, ok := builders[n.Type]
	if !ok {
		return nil, fmt.Errorf("unknown notifier type %q", n.Type)
	}
	return b(n)
}

// errNoSettings reports a Notifier built in code with a type but without
// that type's settings (Load never produces one).
func errNoSettings(typ string) error {
	return fmt.Errorf("%s notifier without %s settings", typ, typ)
}
