package duckdb

import (
	"errors"
	"fmt"
	"strings"
)

// Field types a promoted column can have. They are the Elasticsearch mapping
// types of the same name, so one column list describes both backends.
const (
	TypeKeyword = "keyword"
	TypeText    = "text"
	TypeLong    = "long"
	TypeDouble  = "double"
	TypeIP      = "ip"
	TypeDate    = "date"
	TypeBoolean = "boolean"
)

// Options configures the store. Only Path is required.
type Options struct {
	// Path is the database file, e.g. <data>/store/logstack.duckdb; its
	// directory is created when missing.
	Path string
	// MemoryLimit caps DuckDB's buffer pool in bytes (0: DuckDB's default,
	// 80% of RAM), so the store leaves room for the queue and the API.
	MemoryLimit int64
	// Threads bounds DuckDB's worker threads (0: one per core).
	Threads int
	// Columns promotes more fields to typed columns, or changes the type of
	// a default one. Columns added here are added to existing partitions
	// (and filled from the stored documents) when the store opens.
	Columns []Column
}

// Column promotes one event field (a dotted path) to a typed column, which
// makes filters, sorting and counting on it as cheap as on a table column.
type Column struct {
	Field string
	Type  string
}

// DefaultColumns are the ECS fields that log searches filter and count by
// most often, promoted unless Options.Columns says otherwise.
var DefaultColumns = []Column{
	{Field: "log.level", Type: TypeKeyword},
	{Field: "host.name", Type: TypeKeyword},
	{Field: "service.name", Type: TypeKeyword},
	{Field: "event.dataset", Type: TypeKeyword},
	{Field: "http.response.status_code", Type: TypeLong},
	{Field: "http.request.method", Type: TypeKeyword},
	{Field: "url.original", Type: TypeKeyword},
	{Field: "source.ip", Type: TypeIP},
	{Field: "user_agent.original", Type: TypeKeyword},
}

// sqlTypes maps field types to DuckDB column types.
var sqlTypes = map[string]string{
	TypeKeyword: "VARCHAR",
	TypeText:    "VARCHAR",
	TypeLong:    "BIGINT",
	TypeDouble:  "DOUBLE",
	TypeIP:      "VARCHAR",
	TypeDate:    "BIGINT",
	TypeBoolean: "BOOLEAN",
}

// Built-in columns of every partition. Promoted fields may not take these
// names, and the fields they hold (@timestamp, event.id, message) cannot be
// configured.
const (
	colTS      = "ts"
	colID      = "id"
	colIDHash  = "id_hash"
	colMessage = "message"
	colDoc     = "doc"
	colSig0    = "msg_sig0"
	colSig1    = "msg_sig1"
)

var reservedFields = map[string]bool{
	colTS: true, colID: true, colIDHash: true, colMessage: true, colDoc: true,
	colSig0: true, colSig1: true, "@timestamp": true, "event.id": true,
}

// columns returns the promoted columns: the defaults overridden and extended
// by opts.Columns, in a stable order.
func (o Options) columns() ([]Column, error) {
	var errs []error
	out := append([]Column(nil), DefaultColumns...)
	index := make(map[string]int, len(out))
	for i, c := range out {
		index[c.Field] = i
	}
	seen := map[string]bool{}
	for _, c := range o.Columns {
		c.Type = strings.ToLower(c.Type)
		switch {
		case c.Field == "":
			errs = append(errs, errors.New("column with empty field"))
			continue
		case reservedFields[c.Field]:
			errs = append(errs, fmt.Errorf("column %q: field is built in", c.Field))
			continue
		case sqlTypes[c.Type] == "":
			errs = append(errs, fmt.Errorf("column %q: unknown type %q", c.Field, c.Type))
			continue
		case seen[c.Field]:
			errs = append(errs, fmt.Errorf("column %q: listed twice", c.Field))
			continue
		case !validPath(c.Field):
			errs = append(errs, fmt.Errorf("column %q: field must be a dotted path of non-empty names without quotes or control characters", c.Field))
			continue
		}
		seen[c.Field] = true
		if i, ok := index[c.Field]; ok {
			out[i] = c
			continue
		}
		index[c.Field] = len(out)
		out = append(out, c)
	}
	return out, errors.Join(errs...)
}

// validate reports every problem of the options at once.
func (o Options) validate() error {
	var errs []error
	if o.Path == "" {
		errs = append(errs, errors.New("path is required"))
	}
	if o.MemoryLimit < 0 {
		errs = append(errs, fmt.Errorf("memory limit %d is negative", o.MemoryLimit))
	}
	if o.Threads < 0 {
		errs = append(errs, fmt.Errorf("threads %d is negative", o.Threads))
	}
	if _, err := o.columns(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// validPath reports whether a field path can be used as a column name and a
// JSON path: dot-separated non-empty names without quotes, backslashes or
// control characters.
func validPath(field string) bool {
	if field == "" {
		return false
	}
	for _, part := range strings.Split(field, ".") {
		if part == "" {
			return false
		}
	}
	for _, r := range field {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' {
			return false
		}
	}
	return true
}
