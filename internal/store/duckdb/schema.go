package duckdb

import (
	"strings"

	"github.com/logstack/logstack/internal/event"
)

// column is a field with a column of its own: a promoted field or one of
// the built-in @timestamp, event.id and message.
type column struct {
	field string // dotted event path
	typ   string // field type (TypeKeyword, ...)
	name  string // SQL column name
}

// schema is the set of columns every partition has (older partitions may
// have more, which are then left NULL).
type schema struct {
	promoted []column          // in table order, after the built-in columns
	byField  map[string]column // every field with a column, built-ins too
	// pickPaths are the fields a row is made of: @timestamp, event.id,
	// message, then the promoted fields; picker reads them from a JSON line.
	pickPaths []string
	picker    *event.Picker
}

// Built-in fields.
var (
	tsColumn      = column{field: "@timestamp", typ: TypeDate, name: colTS}
	idColumn      = column{field: "event.id", typ: TypeKeyword, name: colID}
	messageColumn = column{field: "message", typ: TypeText, name: colMessage}
)

func newSchema(cols []Column) *schema {
	s := &schema{byField: map[string]column{}}
	for _, c := range []column{tsColumn, idColumn, messageColumn} {
		s.byField[c.field] = c
	}
	for _, c := range cols {
		col := column{field: c.Field, typ: c.Type, name: c.Field}
		s.promoted = append(s.promoted, col)
		s.byField[c.Field] = col
	}
	s.pickPaths = []string{tsColumn.field, idColumn.field, messageColumn.field}
	for _, c := range s.promoted {
		s.pickPaths = append(s.pickPaths, c.field)
	}
	s.picker = event.NewPicker(s.pickPaths)
	return s
}

// builtinDDL are the first columns of every partition, in order.
var builtinDDL = []struct{ name, typ string }{
	{colTS, "BIGINT NOT NULL"},
	{colID, "VARCHAR NOT NULL"},
	{colIDHash, "UBIGINT NOT NULL"},
	{colMessage, "VARCHAR"},
	{colSig0, "UBIGINT NOT NULL"},
	{colSig1, "UBIGINT NOT NULL"},
	{colDoc, "VARCHAR NOT NULL"},
}

// createTableSQL returns the DDL of a new partition.
func (s *schema) createTableSQL(table string) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE IF NOT EXISTS ")
	b.WriteString(ident(table))
	b.WriteString(" (")
	for i, c := range builtinDDL {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(ident(c.name) + " " + c.typ)
	}
	for _, c := range s.promoted {
		b.WriteString(", " + ident(c.name) + " " + sqlTypes[c.typ])
	}
	b.WriteString(")")
	return b.String()
}

// ident quotes an SQL identifier.
func ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// literal quotes an SQL string literal. It is used only for JSON paths,
// which derive from field names (identifiers), never for values: DuckDB
// parses a constant path once per query instead of once per row.
func literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// jsonPath returns the DuckDB JSON path of a dotted field.
func jsonPath(field string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, part := range strings.Split(field, ".") {
		b.WriteString(`."` + part + `"`)
	}
	return b.String()
}

// columnNames lists a new partition's columns in table order.
func (s *schema) columnNames() []string {
	out := make([]string, 0, len(builtinDDL)+len(s.promoted))
	for _, c := range builtinDDL {
		out = append(out, c.name)
	}
	for _, c := range s.promoted {
		out = append(out, c.name)
	}
	return out
}
