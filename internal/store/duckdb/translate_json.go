package duckdb

import (
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
	return "CASE WHEN json_type(" + colDoc + ", " + literal(p) + ") = 'ARRAY' THEN json_extract_string(" +
		colDoc + ", " + literal(p+"[*]") + ") ELSE [json_extract_string(" + colDoc + ", " + literal(p) + ")] END"
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
	return "coalesce(CASE " + typ + " WHEN 'NULL' THEN FALSE WHEN 'ARRAY' THEN json_array_length(" +
		colDoc + ", " + p + ") > 0 ELSE " + typ + " IS NOT NULL END, FALSE)"
}
