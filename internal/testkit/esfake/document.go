package esfake

import (
	"encoding/json"
	"sort"
	"strings"
)

// document is one stored document: its source as sent and the values it
// indexed, by full dotted field path (arrays flattened).
type document struct {
	id      string
	source  json.RawMessage
	fields  map[string][]any
	seqNo   int64
	version int64
}

// docParser indexes one source into a document, collecting the fields it
// maps dynamically in a copy of the mapping that replaces the index's only
// when the whole document parsed.
type docParser struct {
	id     string
	m      *mapping
	added  bool
	fields map[string][]any
}

// parseDocument indexes src (a JSON object) under m. It returns the
// document's fields and, when new fields were mapped, the grown mapping.
func parseDocument(m *mapping, id string, src []byte) (map[string][]any, *mapping, *esError) {
	dec := json.NewDecoder(strings.NewReader(string(src)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || !json.Valid(src) {
		return nil, nil, newErr("mapper_parsing_exception", "failed to parse").
			withCause(newErr("json_parse_exception", "invalid JSON document source"))
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil, newErr("mapper_parsing_exception", "failed to parse, document is empty")
	}
	p := &docParser{id: id, m: m.clone(), fields: map[string][]any{}}
	if err := p.object("", obj); err != nil {
		return nil, nil, err
	}
	if !p.added {
		return p.fields, nil, nil
	}
	return p.fields, p.m, nil
}

func (p *docParser) object(prefix string, obj map[string]any) *esError {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.Trim(k, ". ") == "" || strings.Contains(k, "..") || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") {
			return newErr("mapper_parsing_exception", "field name cannot be an empty string")
		}
		if prefix == "" && reservedFields[k] {
			return newErr("mapper_parsing_exception",
				"Field [%s] is a metadata field and cannot be added inside a document. Use the index API request parameters.", k)
		}
		if err := p.value(joinPath(prefix, k), obj[k]); err != nil {
			return err
		}
	}
	return nil
}

func (p *docParser) value(path string, v any) *esError {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		for _, e := range x {
			if err := p.value(path, e); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		f, err := p.objectField(path)
		if err != nil || f == nil || f.Disabled {
			return err
		}
		return p.object(path, x)
	}
	return p.leaf(path, v)
}

// objectField returns the object mapping at path, mapping it (and its
// parents) dynamically when new; nil means "not indexed" (dynamic false).
func (p *docParser) objectField(path string) (*fieldType, *esError) {
	if f := p.m.lookup(path); f != nil {
		if !f.isObject() {
			return nil, p.parseFailure(path, f, "{...}")
		}
		return f, nil
	}
	if ok, err := p.parents(path); !ok || err != nil {
		return nil, err
	}
	if ok, err := p.mayAdd(path); !ok || err != nil {
		return nil, err
	}
	f := &fieldType{Type: "object"}
	p.m.fields[path] = f
	p.added = true
	return f, nil
}

// parents makes sure every dotted prefix of path is an object.
func (p *docParser) parents(path string) (bool, *esError) {
	for i := 0; i < len(path); i++ {
		if path[i] != '.' {
			continue
		}
		prefix := path[:i]
		f := p.m.lookup(prefix)
		if f == nil {
			if ok, err := p.mayAdd(prefix); !ok || err != nil {
				return false, err
			}
			p.m.fields[prefix] = &fieldType{Type: "object"}
			p.added = true
			continue
		}
		if !f.isObject() {
			return false, newErr("mapper_parsing_exception",
				"Could not dynamically add mapping for field [%s]. Existing mapping for [%s] must be of type object but found [%s].",
				path, prefix, f.Type)
		}
	}
	return true, nil
}

// mayAdd applies the dynamic setting in force at path: true maps, false
// ignores, strict refuses.
func (p *docParser) mayAdd(path string) (bool, *esError) {
	setting := p.m.dynamic
	parent := ""
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] != '.' {
			continue
		}
		if f := p.m.fields[path[:i]]; f != nil && f.Dynamic != "" {
			setting, parent = f.Dynamic, path[:i]
			break
		}
	}
	switch setting {
	case "false", "runtime":
		return false, nil
	case "strict":
		if parent == "" {
			parent = "_doc"
		}
		return false, newErr("strict_dynamic_mapping_exception",
			"[%s] dynamic introduction of [%s] within [%s] is not allowed", parent, lastSeg(path), parent)
	}
	return true, nil
}

func (p *docParser) leaf(path string, v any) *esError {
	f := p.m.lookup(path)
	if f == nil {
		if ok, err := p.parents(path); !ok || err != nil {
			return err
		}
		if ok, err := p.mayAdd(path); !ok || err != nil {
			return err
		}
		nf, err := p.m.dynamicField(path, v)
		if err != nil {
			return err
		}
		p.m.fields[path] = nf
		p.added = true
		f = nf
	}
	if f.isObject() {
		if f.Disabled {
			return nil
		}
		return newErr("mapper_parsing_exception",
			"object mapping for [%s] tried to parse field [%s] as object, but found a concrete value", path, lastSeg(path))
	}
	if err := p.index(path, f, v); err != nil {
		return err
	}
	for name, sub := range f.Fields {
		if err := p.index(path+"."+name, sub, v); err != nil {
			return err
		}
	}
	return nil
}

// index converts v for f and records it at path.
func (p *docParser) index(path string, f *fieldType, v any) *esError {
	val, ok := f.convert(v)
	if !ok {
		if f.IgnoreMalformed {
			return nil
		}
		return p.parseFailure(path, f, preview(v))
	}
	if _, skip := val.(skipValue); !skip {
		p.fields[path] = append(p.fields[path], val)
	}
	return nil
}

func (p *docParser) parseFailure(path string, f *fieldType, shown string) *esError {
	return newErr("mapper_parsing_exception",
		"failed to parse field [%s] of type [%s] in document with id '%s'. Preview of field's value: '%s'",
		path, f.Type, p.id, shown).
		withCause(causeFor(f, shown))
}

// causeFor is the caused_by of a value that does not fit f, worded as the
// real field mappers word it.
func causeFor(f *fieldType, shown string) *esError {
	switch f.kind() {
	case kindLong, kindFloat:
		return newErr("illegal_argument_exception", "For input string: \"%s\"", shown)
	case kindIP:
		return newErr("illegal_argument_exception", "'%s' is not an IP string literal.", shown)
	case kindDate:
		return newErr("illegal_argument_exception", "failed to parse date field [%s] with format [%s]", shown, orDefault(f.Format))
	case kindBool:
		return newErr("illegal_argument_exception", "Failed to parse value [%s] as only [true] or [false] are allowed.", shown)
	}
	return newErr("illegal_argument_exception", "value [%s] does not fit type [%s]", shown, f.Type)
}
