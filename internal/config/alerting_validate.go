package config

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// bucketPrefixRE keeps lease.bucket_prefix to what a JetStream key-value
// bucket name allows once "_alerts" or "_lease" is appended.
var bucketPrefixRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func (v *validator) alerting() {
	a := v.c.Alerting
	v.positive("alerting.run_every", a.RunEvery)
	v.nonNegative("alerting.buffer_time", a.BufferTime)
	v.positiveInt("alerting.max_query_size", a.MaxQuerySize)
	if a.Concurrency < 0 {
		v.fail("alerting.concurrency", "must not be negative (0 uses one worker per CPU), got %d", a.Concurrency)
	}
	v.nonNegative("alerting.stall_after", a.StallAfter)
	if a.StallAfter > 0 && a.StallAfter < a.RunEvery {
		v.fail("alerting.stall_after", "%s is shorter than alerting.run_every (%s): every cycle would count as stalled", a.StallAfter, a.RunEvery)
	}
	v.nonNegative("alerting.alarm_delay", a.AlarmDelay)
	v.positive("alerting.resolved_retention", a.ResolvedRetention)
	v.lease(a.Lease)
	for _, name := range slices.Sorted(maps.Keys(a.Notifiers)) {
		v.notifier("alerting.notifiers."+name, name, a.Notifiers[name])
	}
	for _, name := range slices.Sorted(maps.Keys(a.EscalationPolicies)) {
		v.policy(name, a.EscalationPolicies[name])
	}
	if d := a.DefaultEscalationPolicy; d != "" && !v.policyOrNotifier(d) {
		v.fail("alerting.default_escalation_policy", "%q is neither an escalation policy nor a notifier%s", d, v.didYouMean(d, true))
	}
	v.deadman(a.Deadman)
}

func (v *validator) lease(l Lease) {
	if !bucketPrefixRE.MatchString(l.BucketPrefix) {
		v.fail("alerting.lease.bucket_prefix", "%q must be non-empty letters, digits, '_' or '-' (it prefixes key-value bucket names)", l.BucketPrefix)
	}
	v.positive("alerting.lease.ttl", l.TTL)
	v.positive("alerting.lease.renew_every", l.RenewEvery)
	if l.RenewEvery > 0 && l.RenewEvery >= l.TTL {
		v.fail("alerting.lease.renew_every", "%s must be below alerting.lease.ttl (%s), or the lease lapses between renewals", l.RenewEvery, l.TTL)
	}
}

// policy checks one escalation policy: a distinct name, levels with
// configured notifiers and delays that never decrease.
func (v *validator) policy(name string, p EscalationPolicy) {
	path := "alerting.escalation_policies." + name
	switch {
	case !isVarName(name):
		v.fail(path, "policy names use letters, digits, '_', '.' and '-'")
	case v.isNotifier(name):
		v.fail(path, "%q is also a notifier name; rules and alarms name either, so each name must mean one thing", name)
	}
	if len(p.Levels) == 0 {
		v.fail(path+".levels", "needs at least one level")
	}
	for i, l := range p.Levels {
		lp := path + ".levels[" + strconv.Itoa(i) + "]"
		v.nonNegative(lp+".delay", l.Delay)
		v.nonNegative(lp+".repeat", l.Repeat)
		if i > 0 && l.Delay < p.Levels[i-1].Delay {
			v.fail(lp+".delay", "%s is before the previous level's delay (%s); delays count from the episode's start and must not decrease", l.Delay, p.Levels[i-1].Delay)
		}
		v.levelNotifiers(lp+".notifiers", l.Notifiers)
	}
}

// levelNotifiers checks that a level names configured notifiers, once each.
func (v *validator) levelNotifiers(path string, names []string) {
	if len(names) == 0 {
		v.fail(path, "needs at least one notifier")
	}
	seen := map[string]bool{}
	for j, n := range names {
		np := path + "[" + strconv.Itoa(j) + "]"
		switch {
		case !v.isNotifier(n):
			v.fail(np, "%q is not a configured notifier%s", n, v.didYouMean(n, false))
		case seen[n]:
			v.fail(np, "%q is listed twice in this level", n)
		}
		seen[n] = true
	}
}

func (v *validator) deadman(d Deadman) {
	const path = "alerting.deadman"
	v.nonNegative(path+".every", d.Every)
	switch {
	case d.Notifier != "" && d.URL != "":
		v.fail(path+".url", "set only one of notifier and url (or url_file)")
	case !d.Enabled() && d.Every != 0:
		v.fail(path+".every", "needs deadman.notifier or deadman.url to send the heartbeat to")
	case d.Notifier != "" && !v.isNotifier(d.Notifier):
		v.fail(path+".notifier", "%q is not a configured notifier%s", d.Notifier, v.didYouMean(d.Notifier, false))
	}
	v.secretURL(path+".url", d.URL)
}

func (v *validator) isNotifier(name string) bool {
	_, ok := v.c.Alerting.Notifiers[name]
	return ok
}

// policyOrNotifier reports whether name may stand where a policy is
// expected: a policy, or a notifier (HELPERS.md "Policy names").
func (v *validator) policyOrNotifier(name string) bool {
	_, ok := v.c.Alerting.EscalationPolicies[name]
	return ok || v.isNotifier(name)
}

// didYouMean suggests the closest notifier (and policy, when policies is
// true) name, for a name that is not configured.
func (v *validator) didYouMean(name string, policies bool) string {
	known := slices.Collect(maps.Keys(v.c.Alerting.Notifiers))
	if policies {
		known = append(known, slices.Collect(maps.Keys(v.c.Alerting.EscalationPolicies))...)
	}
	slices.Sort(known)
	if s := suggest(name, known); s != "" {
		return " (did you mean " + strconv.Quote(s) + "?)"
	}
	if len(known) == 0 {
		return " (alerting.notifiers is empty)"
	}
	return " (configured: " + strings.Join(known, ", ") + ")"
}
