package query

import "testing"

func TestParseTerms(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "", want: MatchAll{}, str: "*:*"},
		{query: " \t\n", want: MatchAll{}, str: "*:*"},
		{query: "*", want: MatchAll{}, str: "*:*"},
		{query: "*:*", want: MatchAll{}},
		{query: "(*)", want: MatchAll{}, str: "*:*"},
		{query: "error", want: msg("error")},
		{query: "  error  ", want: msg("error"), str: "error"},
		{query: `"disk full"`, want: phrase("", "disk full")},
		{query: `""`, want: phrase("", "")},
		{query: `"say \"hi\" \\o/"`, want: phrase("", `say "hi" \o/`)},
		{query: `"a\:b AND c*"`, want: phrase("", "a:b AND c*"), str: `"a:b AND c*"`},
		{query: "and or not", want: or(msg("and"), msg("or"), msg("not")), str: "and OR or OR not"},
		{query: "ANDROID NOTE ORACLE", want: or(msg("ANDROID"), msg("NOTE"), msg("ORACLE")), str: "ANDROID OR NOTE OR ORACLE"},
		{query: "a&&b", want: msg("a&&b")},
		{query: "&&b", want: msg("&&b")},
		{query: "a||b", want: msg("a||b")},
		{query: "foo-bar+baz", want: msg("foo-bar+baz")},
		{query: "10.0.0.1", want: msg("10.0.0.1")},
		{query: "TO", want: msg("TO")},
		{query: "a<b>c", want: msg("a<b>c")},
	})
}

func TestParseFields(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "level:error", want: word("level", "error")},
		{query: "http.response.status_code:500", want: word("http.response.status_code", "500")},
		{query: "@timestamp:x", want: word("@timestamp", "x")},
		{query: "user_name-2:bob", want: word("user_name-2", "bob")},
		{query: `a\ b:c`, want: word("a b", "c")},
		{query: `\-x:y`, want: word("-x", "y")},
		{query: `\AND:x`, want: word("AND", "x")},
		{query: `\*:x`, want: word("*", "x")},
		{query: "f: value", want: word("f", "value"), str: "f:value"},
		{query: `message:"disk full"`, want: phrase("message", "disk full")},
		{query: "status:-1", want: word("status", "-1")},
		{query: "f:+1", want: word("f", "+1")},
		{query: `f:\AND`, want: word("f", "AND")},
		{query: "f:and", want: word("f", "and")},
		{query: `f:a\:b`, want: word("f", "a:b")},
		{query: `path:\/var\/log`, want: word("path", "/var/log")},
		{query: `f:\>5`, want: word("f", ">5")},
		{query: `host:"10.0.0.1:80"`, want: phrase("host", "10.0.0.1:80")},
	})
}

func TestParseWildcardsAndEscapes(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "err*", want: wild("", "err*")},
		{query: "f:te?t", want: wild("f", "te?t")},
		{query: "?", want: wild("", "?")},
		{query: "f:**", want: wild("f", "**")},
		{query: `foo\*bar`, want: msg("foo*bar")},
		{query: `foo\?`, want: msg("foo?")},
		{query: `foo\*bar*`, want: wild("", `foo\*bar*`)},
		{query: `a\\b*`, want: wild("", `a\\b*`)},
		{query: `a\?b?`, want: wild("", `a\?b?`)},
		{query: `a\:b*`, want: wild("", "a:b*")},
		{query: `f:\-a*`, want: wild("f", "-a*"), str: "f:-a*"},
		{query: `\\`, want: msg(`\`)},
		{query: `a\ b`, want: msg("a b")},
		{query: `\a\b`, want: msg("ab"), str: "ab"},
		{query: `\+-\&\&\|\|\!\(\)\{\}\[\]\^\"\~\*\?\:\\\/\ x`, want: msg(`+-&&||!(){}[]^"~*?:\/ x`),
			str: `\+-&&||\!\(\)\{\}\[\]\^\"\~\*\?\:\\\/\ x`},
		{query: `\&&`, want: msg("&&")},
		{query: `\||`, want: msg("||")},
		{query: `\NOT`, want: msg("NOT")},
	})
}

func TestParseRanges(t *testing.T) {
	rng := func(lo, hi string, incLo, incHi bool) Range {
		return Range{Field: "f", Lower: lo, Upper: hi, HasLower: true, HasUpper: true, IncludeLower: incLo, IncludeUpper: incHi}
	}
	runParseCases(t, []parseCase{
		{query: "f:[1 TO 5]", want: rng("1", "5", true, true)},
		{query: "f:{1 TO 5}", want: rng("1", "5", false, false)},
		{query: "f:[1 TO 5}", want: rng("1", "5", true, false)},
		{query: "f:{1 TO 5]", want: rng("1", "5", false, true)},
		{query: "f:[ 1  TO  5 ]", want: rng("1", "5", true, true), str: "f:[1 TO 5]"},
		{query: "f:[* TO 5]", want: Range{Field: "f", Upper: "5", HasUpper: true, IncludeUpper: true}, str: "f:<=5"},
		{query: "f:{10 TO *]", want: Range{Field: "f", Lower: "10", HasLower: true}, str: "f:>10"},
		{query: "f:[* TO *]", want: Exists{Field: "f"}, str: "_exists_:f"},
		{query: `f:["a b" TO "c\"d"]`, want: rng("a b", `c"d`, true, true)},
		{query: `f:["*" TO z]`, want: rng("*", "z", true, true)},
		{query: `f:[\* TO z]`, want: rng("*", "z", true, true), str: `f:["*" TO z]`},
		{query: `f:[a\ b TO c]`, want: rng("a b", "c", true, true), str: `f:["a b" TO c]`},
		{query: `f:["" TO c]`, want: rng("", "c", true, true)},
		{query: `f:["TO" TO c]`, want: rng("TO", "c", true, true)},
		{query: "f:[a* TO b?]", want: rng("a*", "b?", true, true)},
		{query: "f:[-5 TO -1]", want: rng("-5", "-1", true, true)},
		{query: "f:[1 TO 5]^2", want: rng("1", "5", true, true), str: "f:[1 TO 5]"},
		{
			query: "@timestamp:[2024-01-01T00:00:00Z TO 2024-01-02T00:00:00Z}",
			want: Range{Field: "@timestamp", Lower: "2024-01-01T00:00:00Z", Upper: "2024-01-02T00:00:00Z",
				HasLower: true, HasUpper: true, IncludeLower: true},
		},
	})
}

func TestParseComparisons(t *testing.T) {
	lower := func(v string, incl bool) Range {
		return Range{Field: "f", Lower: v, HasLower: true, IncludeLower: incl}
	}
	upper := func(v string, incl bool) Range {
		return Range{Field: "f", Upper: v, HasUpper: true, IncludeUpper: incl}
	}
	runParseCases(t, []parseCase{
		{query: "f:>=5", want: lower("5", true)},
		{query: "f:>5", want: lower("5", false)},
		{query: "f:<5", want: upper("5", false)},
		{query: "f:<=5", want: upper("5", true)},
		{query: "f:>-5.5", want: lower("-5.5", false)},
		{query: "f:>abc", want: lower("abc", false)},
		{query: `f:>"a b"`, want: lower("a b", false)},
		{query: `f:<"*"`, want: upper("*", false)},
		{query: `f:>\=5`, want: lower("=5", false), str: `f:>"=5"`},
		{query: `f:>a\ b`, want: lower("a b", false), str: `f:>"a b"`},
		{query: "f:>=*", want: Exists{Field: "f"}, str: "_exists_:f"},
		{query: "f:>=5^2", want: lower("5", true), str: "f:>=5"},
		{
			query: "@timestamp:>=2024-01-02T03:04:05Z",
			want:  Range{Field: "@timestamp", Lower: "2024-01-02T03:04:05Z", HasLower: true, IncludeLower: true},
		},
		{
			query: "f:>=1 AND f:<10",
			want:  and(lower("1", true), upper("10", false)),
		},
	})
}

func TestParseExists(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "_exists_:host.name", want: Exists{Field: "host.name"}},
		{query: `_exists_:"odd name"`, want: Exists{Field: "odd name"}, str: `_exists_:odd\ name`},
		{query: "f:*", want: Exists{Field: "f"}, str: "_exists_:f"},
		{query: "f:(*)", want: Exists{Field: "f"}, str: "_exists_:f"},
		{query: "_exists_:(a OR b)", want: or(Exists{Field: "a"}, Exists{Field: "b"}), str: "_exists_:a OR _exists_:b"},
		{query: "NOT _exists_:f", want: not(Exists{Field: "f"})},
		{query: "-_exists_:f", want: not(Exists{Field: "f"}), str: "NOT _exists_:f"},
	})
}

func TestParseBoostIgnored(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "a^2", want: msg("a"), str: "a"},
		{query: `"a b"^1.5`, want: phrase("", "a b"), str: `"a b"`},
		{query: "f:a^10 b", want: or(word("f", "a"), msg("b")), str: "f:a OR b"},
		{query: "(a OR b)^2 AND c", want: and(or(msg("a"), msg("b")), msg("c")), str: "(a OR b) AND c"},
		{query: "f:(a b)^3", want: or(word("f", "a"), word("f", "b")), str: "f:a OR f:b"},
	})
}

func TestParseUnicode(t *testing.T) {
	runParseCases(t, []parseCase{
		{query: "café", want: msg("café")},
		{query: "日本語", want: msg("日本語")},
		{query: "имя:значение", want: word("имя", "значение")},
		{query: `"Grüße aus Köln"`, want: phrase("", "Grüße aus Köln")},
		{query: "a\u3000b", want: or(msg("a"), msg("b")), str: "a OR b"},
		{query: "emoji:🔥*", want: wild("emoji", "🔥*")},
		{query: `ü\ß`, want: msg("üß"), str: "üß"},
		{query: `日本\ 語`, want: msg("日本 語")},
		{query: "f:[α TO ω]", want: Range{Field: "f", Lower: "α", Upper: "ω", HasLower: true, HasUpper: true, IncludeLower: true, IncludeUpper: true}},
	})
}
