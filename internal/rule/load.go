package rule

import (
	"github.com/logstack/logstack/internal/yamlsrc"

	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// maxFileSize bounds a rule file; real ones are a few KiB.
const maxFileSize = 1 << 20

// LoadFile reads and loads one rule file (see Load).
func LoadFile(path string) (*Rule, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rule %s: %w", path, err)
	}
	return Load(path, raw)
}

// Load parses an ElastAlert2 rule file as written for ElastAlert2. It
// returns every problem at once (joined *Problem values, see Problems) so
// a user fixes a file in one pass; the rule is nil when there is any.
// file names the source in problems.
func Load(file string, raw []byte) (*Rule, error) {
	if len(raw) > maxFileSize {
		return nil, &Problem{File: file, Err: errorf(ErrInvalid, "file larger than %d bytes", maxFileSize)}
	}
	root, err := parseYAML(file, raw)
	if err != nil {
		return nil, err
	}
	l := &loader{file: file, r: &Rule{File: file, Realert: DefaultRealert, Filter: query.MatchAll{},
		TermsWindowSize: DefaultTermsWindowSize, WindowStepSize: DefaultWindowStepSize, MinDocCount: 1}}
	if root.kind != kMap {
		l.add(root, "", ErrInvalid, "a rule file holds a mapping of options, got %s", root.describe())
		return nil, errors.Join(l.probs...)
	}
	l.load(root)
	slices.SortStableFunc(l.warnings, func(a, b *Problem) int { return a.Line - b.Line })
	l.r.Warnings = l.warnings
	if len(l.probs) > 0 {
		return nil, errors.Join(l.probs...)
	}
	return l.r, nil
}

// loader decodes one rule, collecting problems.
type loader struct {
	file  string
	r     *Rule
	probs []error
	seen  map[string]*entry
	// warnings are problems that do not stop the rule from loading.
	warnings []*Problem
}

// alerterOption keeps an alerter's option (email, slack_webhook_url, ...)
// for the notifier layer, with a warning: ElastAlert2 example rules carry
// them, so refusing them would refuse every real rule file.
func (l *loader) alerterOption(e *entry) {
	if l.r.AlerterOptions == nil {
		l.r.AlerterOptions = map[string]any{}
	}
	l.r.AlerterOptions[e.key] = e.value.plain()
	l.warnings = append(l.warnings, &Problem{File: l.file, Line: e.line, Col: e.col, Path: e.key,
		Err: errorf(ErrUnsupported, "alerter option %q is kept but not used yet: logstack notifiers are configured in logstack and named under alert", e.key)})
}

func (l *loader) add(n *node, key string, kind error, format string, args ...any) {
	l.probs = append(l.probs, &Problem{File: l.file, Line: n.line, Col: n.col, Path: key, Err: errorf(kind, format, args...)})
}

func (l *loader) addAt(e *entry, kind error, format string, args ...any) {
	l.probs = append(l.probs, &Problem{File: l.file, Line: e.line, Col: e.col, Path: e.key, Err: errorf(kind, format, args...)})
}

// load decodes the top-level keys, then validates the combination.
func (l *loader) load(root *node) {
	l.seen = map[string]*entry{}
	for i := range root.entries {
		l.seen[root.entries[i].key] = &root.entries[i]
	}
	typ := l.ruleType(root)
	for i := range root.entries {
		e := &root.entries[i]
		if e.key == "type" {
			continue
		}
		l.key(e, typ)
	}
	l.validate(root, typ)
}

// ruleType reads type first, since which keys are valid depends on it.
func (l *loader) ruleType(root *node) string {
	e := l.seen["type"]
	if e == nil {
		l.add(root, "type", ErrInvalid, "missing required key (one of %s)", supportedTypes)
		return ""
	}
	t, ok := l.str(e)
	if !ok {
		return ""
	}
	supported, known := elastAlertTypes[t]
	switch {
	case !known && strings.Contains(t, "."):
		l.addAt(e, ErrUnsupported, "custom rule type %q (a Python module) cannot run in logstack", t)
	case !known:
		l.addAt(e, ErrInvalid, "unknown rule type %q (supported: %s)", t, supportedTypes)
	case !supported:
		l.addAt(e, ErrUnsupported, "rule type %q is an ElastAlert2 type logstack does not support yet (supported: %s)", t, supportedTypes)
	}
	l.r.Type = t
	return t
}

// key decodes one top-level key.
func (l *loader) key(e *entry, typ string) {
	if dec, ok := decoders[e.key]; ok {
		if types, scoped := typeKeys[e.key]; scoped && !slices.Contains(types, typ) {
			l.wrongType(e, typ, types)
			return
		}
		dec(l, e)
		return
	}
	if types, ok := typeKeys[e.key]; ok {
		switch {
		case typ != "" && !slices.Contains(types, typ):
			l.wrongType(e, typ, types)
		case elastAlertTypes[typ]:
			l.addAt(e, ErrUnsupported, "ElastAlert2 option %q is not supported yet", e.key)
		}
		// Otherwise the rule's type is unsupported and already reported.
		return
	}
	switch {
	case unsupportedKeys[e.key]:
		l.addAt(e, ErrUnsupported, "ElastAlert2 option %q is not supported yet", e.key)
	case isAlerterKey(e.key):
		l.alerterOption(e)
	default:
		l.addAt(e, ErrUnknownKey, "unknown key %q%s", e.key, suggestion(e.key))
	}
}

func (l *loader) wrongType(e *entry, typ string, types []string) {
	if typ == "" {
		return
	}
	l.addAt(e, ErrInvalid, "key %q applies to rule type %s, not %q", e.key, strings.Join(types, " or "), typ)
}

// suggestion proposes a known key one or two edits away, for typos.
func suggestion(k string) string {
	best, bestD := "", 3
	if len(k) > 64 {
		return ""
	}
	for name := range decoders {
		if d := yamlsrc.EditDistance(k, name); d < bestD || (d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + strconv.Quote(best) + "?)"
}
