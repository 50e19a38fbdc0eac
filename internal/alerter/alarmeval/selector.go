package alarmeval

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Selector picks the series of one of logstack's own metrics that an
// alarm's `metric.internal` watches: a metric name, optionally with label
// equality matchers, written like a PromQL instant selector restricted to
// `=`: `logstack_input_errors_total{input="tcp"}`. Without matchers every
// label set of the metric is summed.
type Selector struct {
	Name string
	// Labels are the required label values, sorted by name.
	Labels []LabelMatch
}

// LabelMatch requires label Name to equal Value.
type LabelMatch struct {
	Name, Value string
}

// maxSelectorLen bounds a selector; real ones are a few dozen bytes.
const maxSelectorLen = 1024

// ParseSelector reads name or name{label="value", ...}. Names follow
// Prometheus' rules, values are double-quoted with \", \\ and \n escapes,
// and a label may appear once. Spaces are allowed around braces, commas and
// '='. Every error wraps ErrSelector and names the byte offset.
func ParseSelector(s string) (Selector, error) {
	if len(s) > maxSelectorLen {
		return Selector{}, fmt.Errorf("%w: longer than %d bytes", ErrSelector, maxSelectorLen)
	}
	if !utf8.ValidString(s) {
		return Selector{}, fmt.Errorf("%w %q: not UTF-8", ErrSelector, s)
	}
	p := &selParser{src: s}
	sel, err := p.parse()
	if err != nil {
		return Selector{}, fmt.Errorf("%w %q: %w", ErrSelector, s, err)
	}
	return sel, nil
}

// String renders s so that ParseSelector(s.String()) equals s.
func (s Selector) String() string {
	if len(s.Labels) == 0 {
		return s.Name
	}
	parts := make([]string, len(s.Labels))
	for i, l := range s.Labels {
		parts[i] = l.Name + "=" + quote(l.Value)
	}
	return s.Name + "{" + strings.Join(parts, ",") + "}"
}

// matches reports whether a series with these labels is selected.
func (s Selector) matches(labels map[string]string) bool {
	for _, l := range s.Labels {
		if labels[l.Name] != l.Value {
			return false
		}
	}
	return true
}

type selParser struct {
	src string
	pos int
}

func (p *selParser) parse() (Selector, error) {
	p.space()
	name := p.ident(true)
	if name == "" {
		return Selector{}, p.errorf("expected a metric name")
	}
	sel := Selector{Name: name}
	p.space()
	if p.peek() == '{' {
		p.pos++
		labels, err := p.labels()
		if err != nil {
			return Selector{}, err
		}
		sel.Labels = labels
	}
	p.space()
	if p.pos != len(p.src) {
		return Selector{}, p.errorf("unexpected %q", p.src[p.pos:])
	}
	return sel, nil
}

// labels reads `name="value"` pairs up to and including the closing brace.
func (p *selParser) labels() ([]LabelMatch, error) {
	var out []LabelMatch
	for {
		p.space()
		name := p.ident(false)
		if name == "" {
			return nil, p.errorf("expected a label name")
		}
		if slices.ContainsFunc(out, func(l LabelMatch) bool { return l.Name == name }) {
			return nil, p.errorf("label %q given twice", name)
		}
		p.space()
		if p.peek() != '=' {
			return nil, p.errorf("expected '=' after label %q (only equality is supported)", name)
		}
		p.pos++
		p.space()
		value, err := p.quoted()
		if err != nil {
			return nil, err
		}
		out = append(out, LabelMatch{Name: name, Value: value})
		p.space()
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			slices.SortFunc(out, func(a, b LabelMatch) int { return strings.Compare(a.Name, b.Name) })
			return out, nil
		default:
			return nil, p.errorf("expected ',' or '}'")
		}
	}
}

// quoted reads a double-quoted label value.
func (p *selParser) quoted() (string, error) {
	if p.peek() != '"' {
		return "", p.errorf("expected a double-quoted label value")
	}
	var b strings.Builder
	for i := p.pos + 1; i < len(p.src); i++ {
		switch c := p.src[i]; c {
		case '"':
			p.pos = i + 1
			return b.String(), nil
		case '\\':
			if i+1 == len(p.src) {
				return "", p.errorf("unterminated label value")
			}
			i++
			switch p.src[i] {
			case '"', '\\':
				b.WriteByte(p.src[i])
			case 'n':
				b.WriteByte('\n')
			default:
				p.pos = i - 1
				return "", p.errorf("unknown escape \\%c (want \\\", \\\\ or \\n)", p.src[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", p.errorf("unterminated label value")
}

// ident reads a Prometheus metric name (colons allowed) or label name.
func (p *selParser) ident(metric bool) string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
			(metric && c == ':') || (p.pos > start && c >= '0' && c <= '9')
		if !ok {
			break
		}
		p.pos++
	}
	return p.src[start:p.pos]
}

func (p *selParser) space() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

func (p *selParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *selParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

// quote writes a label value with the escapes quoted understands.
func quote(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}
