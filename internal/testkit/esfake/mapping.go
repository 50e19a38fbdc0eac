package esfake

import (
	"maps"
	"sort"
	"strings"
)

// fieldType is one mapped field: a leaf with a type, or an object.
type fieldType struct {
	Type            string
	Format          string
	IgnoreAbove     int
	IgnoreMalformed bool
	// NotIndexed and NoDocValues are index: false and doc_values: false;
	// Disabled is an object's enabled: false (its content is kept in
	// _source only).
	NotIndexed, NoDocValues, Disabled bool
	// Dynamic is an object's own dynamic setting ("" inherits).
	Dynamic string
	// Fields are the multi-fields (message.keyword ...).
	Fields map[string]*fieldType
	// params is the definition as given, echoed by GET _mapping.
	params map[string]any
}

// mapping is an index's mappings, flattened by full dotted path.
type mapping struct {
	fields           map[string]*fieldType
	dynamic          string // "", "true", "false", "strict", "runtime"
	dateDetection    *bool
	numericDetection *bool
	templates        []dynamicTemplate
	extra            map[string]any // _source, _meta ... echoed back
}

func newMapping() *mapping { return &mapping{fields: map[string]*fieldType{}, extra: map[string]any{}} }

// kind classifies field types by how values are indexed and queried.
type kind int

const (
	kindOther kind = iota
	kindObject
	kindText
	kindKeyword
	kindLong
	kindFloat
	kindDate
	kindBool
	kindIP
)

var typeKinds = map[string]kind{
	"object": kindObject, "nested": kindObject,
	"text": kindText, "match_only_text": kindText, "search_as_you_type": kindText,
	"keyword": kindKeyword, "constant_keyword": kindKeyword, "wildcard": kindKeyword, "version": kindKeyword,
	"long": kindLong, "integer": kindLong, "short": kindLong, "byte": kindLong, "unsigned_long": kindLong,
	"double": kindFloat, "float": kindFloat, "half_float": kindFloat, "scaled_float": kindFloat,
	"date": kindDate, "date_nanos": kindDate, "boolean": kindBool, "ip": kindIP,
	"binary": kindOther, "flattened": kindOther, "geo_point": kindOther, "geo_shape": kindOther,
	"alias": kindOther, "token_count": kindOther, "dense_vector": kindOther, "histogram": kindOther,
	"completion": kindOther, "integer_range": kindOther, "long_range": kindOther, "float_range": kindOther,
	"double_range": kindOther, "date_range": kindOther, "ip_range": kindOther, "rank_feature": kindOther,
	"percolator": kindOther, "point": kindOther, "shape": kindOther, "sparse_vector": kindOther,
	"semantic_text": kindOther, "aggregate_metric_double": kindOther, "join": kindOther,
}

func (f *fieldType) kind() kind { return typeKinds[f.Type] }

func (f *fieldType) isObject() bool { return f.kind() == kindObject }

// metaFields are the metadata fields queries, sorts and aggregations can
// read (every document has them); a source may not set them.
var metaFields = map[string]*fieldType{"_id": {Type: "keyword"}, "_index": {Type: "keyword"}}

var reservedFields = map[string]bool{
	"_id": true, "_index": true, "_source": true, "_routing": true, "_seq_no": true, "_version": true,
	"_type": true, "_ignored": true, "_primary_term": true, "_field_names": true, "_doc_count": true,
	"_tier": true, "_data_stream_timestamp": true,
}

// lookup returns the field at path: a mapped path, a multi-field or a
// metadata field.
func (m *mapping) lookup(path string) *fieldType {
	if f := m.fields[path]; f != nil {
		return f
	}
	if f := metaFields[path]; f != nil {
		return f
	}
	if i := strings.LastIndexByte(path, '.'); i > 0 {
		if p := m.fields[path[:i]]; p != nil && p.Fields != nil {
			return p.Fields[path[i+1:]]
		}
	}
	return nil
}

// clone returns a copy of m that can take new fields without touching m.
func (m *mapping) clone() *mapping {
	c := *m
	c.fields = maps.Clone(m.fields)
	c.templates = append([]dynamicTemplate(nil), m.templates...)
	c.extra = maps.Clone(m.extra)
	return &c
}

// merge lays o over m: fields by path, dynamic templates by name, settings
// when o sets them (index templates and create-index bodies compose so).
func (m *mapping) merge(o *mapping) {
	maps.Copy(m.fields, o.fields)
	for _, t := range o.templates {
		replaced := false
		for i := range m.templates {
			if m.templates[i].name == t.name {
				m.templates[i], replaced = t, true
			}
		}
		if !replaced {
			m.templates = append(m.templates, t)
		}
	}
	if o.dynamic != "" {
		m.dynamic = o.dynamic
	}
	if o.dateDetection != nil {
		m.dateDetection = o.dateDetection
	}
	if o.numericDetection != nil {
		m.numericDetection = o.numericDetection
	}
	maps.Copy(m.extra, o.extra)
}

// fieldCount counts mapped fields, objects and multi-fields, as
// index.mapping.total_fields.limit does.
func (m *mapping) fieldCount() int {
	n := 0
	for _, f := range m.fields {
		n += 1 + len(f.Fields)
	}
	return n
}

// render returns the mappings as GET _mapping shows them (nested
// properties).
func (m *mapping) render() map[string]any {
	out := maps.Clone(m.extra)
	if out == nil {
		out = map[string]any{}
	}
	if m.dynamic != "" {
		out["dynamic"] = m.dynamic
	}
	if m.dateDetection != nil {
		out["date_detection"] = *m.dateDetection
	}
	if m.numericDetection != nil {
		out["numeric_detection"] = *m.numericDetection
	}
	if len(m.templates) > 0 {
		var ts []any
		for _, t := range m.templates {
			ts = append(ts, map[string]any{t.name: t.raw})
		}
		out["dynamic_templates"] = ts
	}
	paths := make([]string, 0, len(m.fields))
	for p := range m.fields {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	props := map[string]any{}
	for _, p := range paths {
		props = placeField(props, strings.Split(p, "."), m.fields[p])
	}
	if len(props) > 0 {
		out["properties"] = props
	}
	return out
}

// placeField puts f's definition at segs inside the properties tree props.
func placeField(props map[string]any, segs []string, f *fieldType) map[string]any {
	name := segs[0]
	def, _ := props[name].(map[string]any)
	if def == nil {
		def = map[string]any{}
		props[name] = def
	}
	if len(segs) > 1 {
		sub, _ := def["properties"].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
		}
		def["properties"] = placeField(sub, segs[1:], f)
		return props
	}
	for k, v := range f.definition() {
		if k != "properties" {
			def[k] = v
		}
	}
	return props
}

// definition is f as a mapping definition.
func (f *fieldType) definition() map[string]any {
	def := maps.Clone(f.params)
	if def == nil {
		def = map[string]any{}
	}
	if f.Type != "object" {
		def["type"] = f.Type
	}
	if len(f.Fields) > 0 {
		subs := map[string]any{}
		for n, s := range f.Fields {
			subs[n] = s.definition()
		}
		def["fields"] = subs
	}
	return def
}
