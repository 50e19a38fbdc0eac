package rule

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// MissingValue replaces an alert_subject_args or alert_text_args value
// the match and the rule lack, as ElastAlert2's alert_missing_value default.
const MissingValue = "<MISSING VALUE>"

// Subject renders the notification subject for a notification's first
// match m, as ElastAlert2's create_title: alert_subject formatted with
// alert_subject_args when both are set, alert_subject as written when it
// has no args, and otherwise a default naming the rule (and the query_key
// value when the match has one), with "logstack" where ElastAlert2 writes
// "ElastAlert".
func (r *Rule) Subject(m Match) (string, error) {
	if r.AlertSubject == "" {
		if m.HasKey {
			return "logstack: " + m.Key + " matched " + r.Name, nil
		}
		return "logstack: " + r.Name, nil
	}
	if len(r.AlertSubjectArgs) == 0 {
		return r.AlertSubject, nil
	}
	return PyFormat(r.AlertSubject, r.argValues(r.AlertSubjectArgs, m))
}

// Text renders alert_text for one match, formatted with alert_text_args
// when set (ElastAlert2's _add_custom_alert_text); "" without alert_text.
// Assembling the whole body (alert_text_type, the match's fields) is the
// notifier's part.
func (r *Rule) Text(m Match) (string, error) {
	if len(r.AlertTextArgs) == 0 {
		return r.AlertText, nil
	}
	return PyFormat(r.AlertText, r.argValues(r.AlertTextArgs, m))
}

// argValues looks each arg up in the match's event, then among the rule's
// own properties (ElastAlert2 lets args name top-level rule options), then
// falls back to MissingValue.
func (r *Rule) argValues(args []string, m Match) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if v, ok := Lookup(m.Event.Fields, a); ok && v != nil {
			out[i] = v
		} else if p := r.property(a); p != "" {
			out[i] = p
		} else {
			out[i] = MissingValue
		}
	}
	return out
}

// property returns the top-level rule options an arg may name.
func (r *Rule) property(name string) string {
	switch name {
	case "name":
		return r.Name
	case "type":
		return r.Type
	case "index":
		return r.Index
	case "description":
		return r.Description
	}
	return ""
}

// pyStr renders a JSON value as Python's str() does for what json.loads
// returns: True/False, None, lists and dicts in repr form. Whole numbers
// print without a fraction (JSON 5 loads as int 5).
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyRepr(k) + ": " + pyRepr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return valueText(v)
}

// pyRepr is Python's repr of a JSON value: strings in single quotes (in
// double quotes when they hold a single quote and no double quote), with
// backslashes, the quote and \n, \r, \t escaped.
func pyRepr(v any) string {
	s, ok := v.(string)
	if !ok {
		return pyStr(v)
	}
	quote := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		quote = `"` // Python's choice, so the quote needs no escape
	}
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`, "\t", `\t`, quote, `\`+quote)
	return quote + r.Replace(s) + quote
}

// PyFormat renders a Python str.format template with positional
// arguments: {0}, {1}, automatic {} numbering, {{ and }} for braces,
// conversions ({0!r}) and format specs ({0:>8,.2f}, formatField). Errors
// mirror Python's: an unmatched brace, an index out of range, mixing
// automatic and manual numbering, a spec the value's type refuses.
// Attribute or item access ({0.x}, {0[1]}) and nested fields in a spec
// are not supported.
func PyFormat(tmpl string, args []any) (string, error) {
	var b strings.Builder
	auto, manual := 0, false
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c == '}' {
			if i+1 < len(tmpl) && tmpl[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return "", fmt.Errorf("%w: single '}' encountered in format string", ErrInvalid)
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(tmpl) && tmpl[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(tmpl[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("%w: single '{' encountered in format string", ErrInvalid)
		}
		field, spec, _ := strings.Cut(tmpl[i+1:i+end], ":")
		field, conv, _ := strings.Cut(field, "!")
		i += end
		idx, err := fieldIndex(field, &auto, &manual)
		if err != nil {
			return "", err
		}
		if idx >= len(args) {
			return "", fmt.Errorf("%w: replacement index %d out of range for %d args", ErrInvalid, idx, len(args))
		}
		s, err := formatField(args[idx], conv, spec)
		if err != nil {
			return "", fmt.Errorf("replacement field {%s}: %w", tmpl[i-end+1:i], err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// fieldIndex reads one replacement field's positional index.
func fieldIndex(field string, auto *int, manual *bool) (int, error) {
	if field == "" {
		if *manual {
			return 0, fmt.Errorf("%w: cannot switch from manual field numbering to automatic", ErrInvalid)
		}
		*auto++
		return *auto - 1, nil
	}
	n, err := strconv.Atoi(field)
	if err != nil || n < 0 || strings.HasPrefix(field, "+") {
		return 0, fmt.Errorf("%w: replacement field {%s}: only positional fields like {0} are supported", ErrUnsupported, field)
	}
	if *auto > 0 {
		return 0, fmt.Errorf("%w: cannot switch from automatic field numbering to manual", ErrInvalid)
	}
	*manual = true
	return n, nil
}
