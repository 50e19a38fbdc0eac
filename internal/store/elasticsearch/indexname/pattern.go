package indexname

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Pattern is a parsed index-name pattern: literal text and the strftime-like
// directives %Y (year, 4 digits), %m (month), %d (day), %H (hour, 00-23) and
// %% (a literal percent sign), applied to an event's @timestamp in UTC.
type Pattern struct {
	src   string
	parts []part
	unit  byte // finest directive: 'Y', 'm', 'd' or 'H'
	re    *regexp.Regexp
}

// part is a literal (verb 0) or a directive.
type part struct {
	verb byte
	lit  string
}

// widths are the digits each directive writes.
var widths = map[byte]int{'Y': 4, 'm': 2, 'd': 2, 'H': 2}

// invalidChars may not appear in an index name (Elasticsearch's rules,
// which OpenSearch shares).
const invalidChars = `\/*?"<>| ,#:`

// Parse checks and parses a pattern. It must name a valid lowercase index
// and use %Y, and %m, %d, %H only with every coarser unit before them, so
// that every index covers exactly one year, month, day or hour and its
// name can be read back.
func Parse(src string) (*Pattern, error) {
	p := &Pattern{src: src}
	var lit strings.Builder
	seen := map[byte]bool{}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '%' {
			lit.WriteByte(c)
			continue
		}
		if i+1 == len(src) {
			return nil, fmt.Errorf("index pattern %q ends with a lone %%", src)
		}
		i++
		v := src[i]
		if v == '%' {
			lit.WriteByte('%')
			continue
		}
		if widths[v] == 0 {
			return nil, fmt.Errorf("index pattern %q: unknown directive %%%c (use %%Y, %%m, %%d, %%H or %%%%)", src, v)
		}
		if seen[v] {
			return nil, fmt.Errorf("index pattern %q: %%%c appears twice", src, v)
		}
		seen[v] = true
		if lit.Len() > 0 {
			p.parts = append(p.parts, part{lit: lit.String()})
			lit.Reset()
		}
		p.parts = append(p.parts, part{verb: v})
	}
	if lit.Len() > 0 {
		p.parts = append(p.parts, part{lit: lit.String()})
	}
	if err := p.check(seen); err != nil {
		return nil, err
	}
	p.re = regexp.MustCompile(p.regexp())
	return p, nil
}

// check enforces the unit order and Elasticsearch's index-name rules on
// the literal text.
func (p *Pattern) check(seen map[byte]bool) error {
	order := []byte{'Y', 'm', 'd', 'H'}
	for i, v := range order {
		if !seen[v] {
			if i == 0 {
				return fmt.Errorf("index pattern %q must contain %%Y (retention reads each index's time from its name)", p.src)
			}
			for _, finer := range order[i+1:] {
				if seen[finer] {
					return fmt.Errorf("index pattern %q uses %%%c without %%%c", p.src, finer, v)
				}
			}
			break
		}
		p.unit = v
	}
	sample := p.Format(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	switch {
	case sample != strings.ToLower(sample):
		return fmt.Errorf("index pattern %q: index names must be lowercase", p.src)
	case strings.ContainsAny(sample, invalidChars):
		return fmt.Errorf("index pattern %q: index names may not contain any of %q", p.src, invalidChars)
	case strings.HasPrefix(sample, "-") || strings.HasPrefix(sample, "_") || strings.HasPrefix(sample, "+") || strings.HasPrefix(sample, "."):
		return fmt.Errorf("index pattern %q: index names may not start with '-', '_', '+' or '.'", p.src)
	case len(sample) > 255:
		return fmt.Errorf("index pattern %q: index names are limited to 255 bytes", p.src)
	}
	return nil
}

// regexp returns the anchored expression matching the pattern's names.
func (p *Pattern) regexp() string {
	var b strings.Builder
	b.WriteString("^")
	for _, pt := range p.parts {
		if pt.verb == 0 {
			b.WriteString(regexp.QuoteMeta(pt.lit))
			continue
		}
		b.WriteString(`(\d{` + strconv.Itoa(widths[pt.verb]) + `})`)
	}
	b.WriteString("$")
	return b.String()
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.src }

// Format returns the index name for t (converted to UTC).
func (p *Pattern) Format(t time.Time) string {
	t = t.UTC()
	var b strings.Builder
	for _, pt := range p.parts {
		switch pt.verb {
		case 0:
			b.WriteString(pt.lit)
		case 'Y':
			fmt.Fprintf(&b, "%04d", t.Year())
		case 'm':
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case 'd':
			fmt.Fprintf(&b, "%02d", t.Day())
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		}
	}
	return b.String()
}

// Glob returns a wildcard expression matching every name of the pattern
// (each directive replaced by '*'), for searches, refreshes and _cat.
func (p *Pattern) Glob() string {
	var b strings.Builder
	for _, pt := range p.parts {
		if pt.verb == 0 {
			b.WriteString(pt.lit)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// ErrNoMatch says a name was not made by the pattern.
var ErrNoMatch = errors.New("index name does not match the pattern")

// Span parses a name made by the pattern and returns the interval
// [start, end) of @timestamp values it holds: one year, month, day or hour.
func (p *Pattern) Span(name string) (start, end time.Time, err error) {
	m := p.re.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, time.Time{}, fmt.Errorf("%q: %w %q", name, ErrNoMatch, p.src)
	}
	vals := map[byte]int{'m': 1, 'd': 1}
	i := 1
	for _, pt := range p.parts {
		if pt.verb != 0 {
			vals[pt.verb], _ = strconv.Atoi(m[i])
			i++
		}
	}
	start = time.Date(vals['Y'], time.Month(vals['m']), vals['d'], vals['H'], 0, 0, 0, time.UTC)
	if start.Year() != vals['Y'] || int(start.Month()) != vals['m'] || start.Day() != vals['d'] || start.Hour() != vals['H'] {
		return time.Time{}, time.Time{}, fmt.Errorf("%q: %w %q (no such date)", name, ErrNoMatch, p.src)
	}
	if p.Format(start) != name {
		return time.Time{}, time.Time{}, fmt.Errorf("%q: %w %q", name, ErrNoMatch, p.src)
	}
	switch p.unit {
	case 'Y':
		end = start.AddDate(1, 0, 0)
	case 'm':
		end = start.AddDate(0, 1, 0)
	case 'd':
		end = start.AddDate(0, 0, 1)
	default:
		end = start.Add(time.Hour)
	}
	return start, end, nil
}
