package rule

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad checks that no rule file makes the loader panic or hang, and
// that a rule either loads or comes with located problems.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/rules/*.yaml")
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("name: n\ntype: any\nalert: x\nfilter: [{bool: {must: [{term: {a: 1}}]}}]\n"))
	f.Add([]byte("name: n\ntype: new_term\nalert: x\nfields: [a, [b, c]]\nquery_key: a\nuse_terms_query: true\nresolve_after: 1d\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := Load("f.yaml", raw)
		if (r == nil) == (err == nil) {
			t.Fatalf("rule %v with error %v", r, err)
		}
		if err != nil && len(Problems(err)) == 0 {
			t.Fatalf("error without problems: %v", err)
		}
		if r != nil && r.Filter == nil {
			t.Fatal("nil filter")
		}
	})
}

// FuzzParseFilter checks that the filter translator never panics and
// always returns a node or a located problem.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"- term: {a: 1}",
		"- query: {query_string: {query: 'a AND b:[1 TO 2]'}}",
		"- bool: {should: [{match: {m: x y}}], must_not: {exists: {field: f}}}",
		"- range: {t: {gte: now-1h, lt: now}}",
		`- wildcard: {h: 'a\*b?c\'}`,
		"- prefix: {p: x}\n- terms: {l: [a, 1, true]}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		n, err := ParseFilter("f.yaml", raw)
		if (n == nil) == (err == nil) {
			t.Fatalf("node %v with error %v", n, err)
		}
		for _, p := range Problems(err) {
			if p.File != "f.yaml" {
				t.Fatalf("problem without file: %v", p)
			}
		}
	})
}

// FuzzFormatNumber checks that no metric_format_string or
// percentage_format_string makes the formatter panic or produce huge
// output.
func FuzzFormatNumber(f *testing.F) {
	for _, s := range []string{"{:.2%}", "%.2f", "{:*^9.1f}", "{0:,.1f} ms", "%5.1f%%", "{:08.2f}", "%s", "{{}}{}"} {
		f.Add(s, 96.66)
	}
	f.Fuzz(func(t *testing.T, format string, v float64) {
		s, err := FormatNumber(format, v)
		if err == nil && len(s) > len(format)*1100+400 {
			t.Fatalf("%q gives %d bytes", format, len(s))
		}
	})
}

// FuzzPyFormat checks that no alert_subject or alert_text template, with
// a string, a number or a list as the argument, makes the formatter panic
// or produce output beyond the widths it allows.
func FuzzPyFormat(f *testing.F) {
	for _, s := range []string{"{0} on {1}", "{0:>8,.2f}", "{!r:^9}", "{0:#010x}", "{{}}{}", "{0:.3}", "{0[1]}", "{0:{1}}"} {
		f.Add(s, "web-1", 1234.5)
	}
	f.Fuzz(func(t *testing.T, tmpl, str string, num float64) {
		for _, arg := range []any{str, num, []any{str, num}} {
			s, err := PyFormat(tmpl, []any{arg, arg})
			if err == nil && len(s) > len(tmpl)*(1100+len(str)*4)+400 {
				t.Fatalf("%q gives %d bytes", tmpl, len(s))
			}
		}
	})
}
