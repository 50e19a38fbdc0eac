package tcpin

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/input/httpin"
)

// The app registers both inputs on one registry; the shared families
// (events, rejected) must not collide.
func TestSharesRegistryWithHTTPInput(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := httpin.New(httpin.Config{}, newRecPub(), slogDiscard(), reg)
	in := New(Config{}, newRecPub(), slogDiscard(), reg)
	in.m.events.Inc()
	if h == nil {
		t.Fatal("no http input")
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "logstack_input_events_total" {
			return
		}
	}
	t.Fatal("logstack_input_events_total not gathered")
}
