package alerter

import (
	"errors"
	"fmt"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/yamlsrc"
)

// LoadRules loads every rule file (*.yaml, *.yml) under dir. A bad file
// fails the start with every problem of every file (file:line), as
// `logstack rules validate` reports them: an alerter that silently skips a
// rule is an alert that never fires. Names must be unique, since alert keys
// and realert are keyed by them.
func LoadRules(dir string) ([]*rule.Rule, error) {
	if dir == "" {
		return nil, nil
	}
	files, err := yamlFiles(dir)
	if err != nil {
		return nil, err
	}
	var out []*rule.Rule
	var errs []error
	seen := map[string]string{}
	for _, f := range files {
		r, err := rule.LoadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[r.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: rule name %q is also used by %s", f, r.Name, prev))
			continue
		}
		seen[r.Name] = f
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// LoadAlarms loads every alarm file under dir, with the same rules as
// LoadRules; alarm names share the alert key space with rule names.
func LoadAlarms(dir string, ruleNames map[string]bool) ([]*alarm.Alarm, error) {
	if dir == "" {
		return nil, nil
	}
	files, err := yamlFiles(dir)
	if err != nil {
		return nil, err
	}
	var out []*alarm.Alarm
	var errs []error
	seen := map[string]string{}
	for _, f := range files {
		a, err := alarm.LoadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[a.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: alarm name %q is also used by %s", f, a.Name, prev))
			continue
		}
		if ruleNames[a.Name] {
			errs = append(errs, fmt.Errorf("%s: alarm name %q is also a rule name (alerts are keyed by name)", f, a.Name))
			continue
		}
		seen[a.Name] = f
		out = append(out, a)
	}
	return out, errors.Join(errs...)
}

// yamlFiles lists the rule or alarm files under dir.
func yamlFiles(dir string) ([]string, error) {
	files, err := yamlsrc.Files(dir)
	if err != nil {
		return nil, fmt.Errorf("alerting: %w", err)
	}
	return files, nil
}
