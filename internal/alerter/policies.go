package alerter

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/logstack/logstack/internal/alert"
)

// Prefixes of synthesized policy names (HELPERS.md, "Policy names"): a
// configured notifier NAME is usable as the policy "notifier:NAME", and a
// list of several notifier names as "notifiers:A,B".
const (
	NotifierPolicyPrefix  = "notifier:"
	NotifiersPolicyPrefix = "notifiers:"
)

// PolicySet holds the escalation policies of the alert engine: the
// configured ones, one synthesized per notifier, and one per list of
// notifier names resolved so far. Resolve every rule's and alarm's names
// before building the engine from Config.
type PolicySet struct {
	mu        sync.Mutex
	notifiers map[string]bool
	policies  map[string]alert.Policy
	order     []string // policy names in creation order, for a stable Config
	def       string
	// built is set by Config: a policy made later would be unknown to the
	// engine built from it, and its alerts would never be notified.
	built bool
}

// Policies validates the configured policies against the notifier names
// and returns the policy set and its resolver. A notifier name and a
// policy name must differ, every level must name configured notifiers,
// and defaultPolicy (a policy or notifier name, or "") must exist. resolve
// maps the names of a rule's alert list or an alarm's actions to one
// policy name: one policy name to itself, only notifier names to a
// synthesized one-level policy, no names to "" (the default policy);
// unknown names and policies mixed with other names are errors naming the
// offending name.
func Policies(notifierNames []string, policies []alert.Policy, defaultPolicy string) (*PolicySet, func(names []string) (string, error), error) {
	s := &PolicySet{notifiers: map[string]bool{}, policies: map[string]alert.Policy{}}
	var errs []error
	for _, n := range notifierNames {
		if n == "" || strings.Contains(n, ",") {
			errs = append(errs, fmt.Errorf("notifier name %q: must be non-empty without commas", n))
		}
		s.notifiers[n] = true
	}
	for _, p := range policies {
		errs = append(errs, s.checkPolicy(p)...)
		if _, dup := s.policies[p.Name]; !dup {
			s.add(p)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(s.notifiers)) {
		s.add(alert.Policy{Name: NotifierPolicyPrefix + n, Levels: []alert.Level{{Notifiers: []string{n}}}})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	if defaultPolicy != "" {
		def, err := s.Resolve([]string{defaultPolicy})
		if err != nil {
			return nil, nil, fmt.Errorf("default escalation policy: %w", err)
		}
		s.def = def
	}
	return s, s.Resolve, nil
}

// checkPolicy reports the problems of one configured policy that
// alert.NewEngine cannot see: name clashes and unknown notifiers.
func (s *PolicySet) checkPolicy(p alert.Policy) []error {
	var errs []error
	switch {
	case s.notifiers[p.Name]:
		errs = append(errs, fmt.Errorf("escalation policy %q: a notifier has the same name", p.Name))
	case strings.HasPrefix(p.Name, NotifierPolicyPrefix) || strings.HasPrefix(p.Name, NotifiersPolicyPrefix):
		errs = append(errs, fmt.Errorf("escalation policy %q: names starting with %q or %q are reserved",
			p.Name, NotifierPolicyPrefix, NotifiersPolicyPrefix))
	}
	if _, dup := s.policies[p.Name]; dup {
		errs = append(errs, fmt.Errorf("escalation policy %q defined twice", p.Name))
	}
	for i, l := range p.Levels {
		for _, n := range l.Notifiers {
			if !s.notifiers[n] {
				errs = append(errs, fmt.Errorf("escalation policy %q level %d: unknown notifier %q", p.Name, i+1, n))
			}
		}
	}
	return errs
}

// add registers p; the caller holds s.mu or owns s alone.
func (s *PolicySet) add(p alert.Policy) {
	s.policies[p.Name] = p
	s.order = append(s.order, p.Name)
}

// Resolve maps a list of policy or notifier names to one policy name, see
// Policies. It is safe for concurrent use.
func (s *PolicySet) Resolve(names []string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(names) == 0 {
		return "", nil
	}
	var notifiers []string
	for _, n := range names {
		_, isPolicy := s.policies[n]
		switch {
		case s.notifiers[n]:
			if !slices.Contains(notifiers, n) {
				notifiers = append(notifiers, n)
			}
		case isPolicy && len(names) == 1:
			return n, nil
		case isPolicy:
			return "", fmt.Errorf("escalation policy %q: a policy cannot be combined with other names %q", n, names)
		default:
			return "", fmt.Errorf("%q is neither a notifier nor an escalation policy", n)
		}
	}
	if len(notifiers) == 1 {
		return NotifierPolicyPrefix + notifiers[0], nil
	}
	name := NotifiersPolicyPrefix + strings.Join(notifiers, ",")
	if _, ok := s.policies[name]; !ok {
		if s.built {
			return "", fmt.Errorf("notifier list %q resolved after the alert engine was built: resolve every rule and alarm first", names)
		}
		s.add(alert.Policy{Name: name, Levels: []alert.Level{{Notifiers: notifiers}}})
	}
	return name, nil
}

// Config returns the engine configuration with every policy known now
// (configured, per notifier, and per list resolved so far) and the
// resolved default policy; the caller sets ResolvedRetention. Resolving a
// new list of notifiers afterwards is an error.
func (s *PolicySet) Config() alert.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.built = true
	cfg := alert.Config{DefaultPolicy: s.def}
	for _, n := range s.order {
		cfg.Policies = append(cfg.Policies, s.policies[n])
	}
	return cfg
}

// Notifiers expands names (notifiers or policies) into the notifier names
// they reach: a policy contributes the notifiers of all its levels. An
// alarm's ok_actions use it, since a resolved notice goes to notifiers,
// not to escalation levels.
func (s *PolicySet) Notifiers(names []string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, n := range names {
		p, isPolicy := s.policies[n]
		switch {
		case s.notifiers[n]:
			out = append(out, n)
		case isPolicy:
			for _, l := range p.Levels {
				out = append(out, l.Notifiers...)
			}
		default:
			return nil, fmt.Errorf("%q is neither a notifier nor an escalation policy", n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
