package duckdb

import (
	"regexp"
	"strings"

	"github.com/logstack/logstack/internal/query"
)

// Fields without a column are read from the stored document. A field's
// values are the scalar at its path or, when that is an array, its
// elements, so that "tags:prod" matches {"tags": ["prod", "eu"]} as in
// Elasticsearch. Each is compared as text (json_extract_string renders
// numbers and booleans as JSON does) or, when the query value is a number,
// also numerically.

// jsonValues returns an SQL list of the field's values as text.
func jsonValues(field string) string {
	p := jsonPath(field)
	direct := "CASE WHEN json_type(" + colDoc + ", " + literal(p) + ") = 'ARRAY' THEN json_extract_string(" +
		colDoc + ", " + literal(p+"[*]") + ") ELSE [json_extract_string(" + colDoc + ", " + literal(p) + ")] END"
	return throughArrays(field, direct, "list_transform("+jsonWalk(field)+", e -> json_extract_string(e, '$'))")
}

// Arrays of objects: {"requests": [{"id": 1}, {"id": 2}]} has the values
// 1 and 2 at requests.id, as Elasticsearch flattens object arrays. The
// path then does not resolve directly, so those documents take a slower
// walk, level by level. Cheap text tests keep the direct lookup for every
// other document: one that does not hold the field's last name, or no
// array right after a name on the path, cannot have a value. CASE
// evaluates them in order, each only on the rows left.

// throughArrays chooses between the direct lookup and the walk.
func throughArrays(field, direct, walk string) string {
	parts := strings.Split(field, ".")
	if len(parts) == 1 {
		return direct
	}
	quoted := make([]string, len(parts)-1)
	for i, p := range parts[:len(parts)-1] {
		quoted[i] = regexp.QuoteMeta(p)
	}
	arrays := literal(`"(?:` + strings.Join(quoted, "|") + `)"\s*:\s*\[`)
	return "(CASE WHEN json_type(" + colDoc + ", " + literal(jsonPath(field)) + ") IS NOT NULL THEN " + direct +
		" WHEN NOT contains(" + colDoc + ", " + literal(`"`+parts[len(parts)-1]+`"`) + ") THEN " + direct +
		" WHEN NOT regexp_matches(" + colDoc + ", " + arrays + ") THEN " + direct + " ELSE " + walk + " END)"
}

// jsonWalk returns an SQL list of the JSON values at field, unnesting
// arrays at every level of the path.
func jsonWalk(field string) string {
	l := "[" + colDoc + "::JSON]"
	for _, part := range strings.Split(field, ".") {
		p := `$."` + part + `"`
		l = "flatten(list_transform(" + l + ", y -> CASE WHEN json_type(y, " + literal(p) + ") = 'ARRAY' THEN json_extract(y, " +
			literal(p+"[*]") + ") ELSE [json_extract(y, " + literal(p) + ")] END))"
	}
	return l
}

// jsonElems returns an SQL list of the JSON values at field, arrays
// unnested (at the end of the path and, through throughArrays, on it).
func jsonElems(field string) string {
	p := literal(jsonPath(field))
	direct := "CASE WHEN json_type(" + colDoc + ", " + p + ") = 'ARRAY' THEN json_extract(" + colDoc + ", " +
		literal(jsonPath(field)+"[*]") + ") ELSE [json_extract(" + colDoc + ", " + p + ")] END"
	return throughArrays(field, direct, jsonWalk(field))
}

// jsonAny is true when pred (over x) holds for one of the field's values.
func jsonAny(field, pred string) string {
	return "list_bool_or(list_transform(" + jsonValues(field) + ", x -> " + pred + "))"
}

// jsonTerm compares the field's values with a term: exact text, a number,
// or a LIKE pattern.
func (t *translator) jsonTerm(n query.Term) string {
	if n.Kind == query.Wildcard {
		return jsonAny(n.Field, "x LIKE "+t.param(likePattern(n.Value))+` ESCAPE '\'`)
	}
	pred := "x = " + t.param(n.Value)
	if num, ok := numberArg(n.Value, false); ok {
		pred = "(" + pred + " OR TRY_CAST(x AS DOUBLE) = " + t.param(num) + ")"
	}
	return jsonAny(n.Field, pred)
}

// jsonRange bounds the field's values, numerically when the bounds are
// numbers.
func (t *translator) jsonRange(r query.Range) string {
	if lo, hi, ok := numericBounds(r, false); ok {
		return jsonAny(r.Field, t.bounds("TRY_CAST(x AS DOUBLE)", r, lo, hi))
	}
	return jsonAny(r.Field, t.bounds("x", r, r.Lower, r.Upper))
}

// jsonExists is true when the field has a value that is not null and not
// an empty array, Elasticsearch's notion of existence.
func jsonExists(field string) string {
	p := literal(jsonPath(field))
	typ := "json_type(" + colDoc + ", " + p + ")"
	direct := "coalesce(CASE " + typ + " WHEN 'NULL' THEN FALSE WHEN 'ARRAY' THEN json_array_length(" +
		colDoc + ", " + p + ") > 0 ELSE " + typ + " IS NOT NULL END, FALSE)"
	walk := "coalesce(list_bool_or(list_transform(" + jsonWalk(field) + ", e -> coalesce(json_type(e) <> 'NULL', FALSE))), FALSE)"
	return throughArrays(field, direct, walk)
}
