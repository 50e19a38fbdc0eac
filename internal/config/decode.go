package config

import (
	"reflect"
	"strconv"

	"github.com/goccy/go-yaml/ast"
)

// decodeAll applies the base file, then the overlay, onto cfg (which holds
// the defaults). Applying in order onto one struct is the deep merge:
// mappings merge key by key, while lists and scalars replace. vars are
// applied first, from both files, since every other value may use them.
func decodeAll(cfg *Config, lookup func(string) (string, bool), files ...*source) []error {
	d := &decoder{x: &expander{lookupEnv: lookup}, origins: cfg.origins, budget: maxMappings}
	root := reflect.ValueOf(cfg).Elem()
	bodies := make([]ast.Node, len(files))
	for i, src := range files {
		if src != nil && src.body != nil {
			d.src = src
			bodies[i] = d.resolve("", src.body)
		}
	}
	for _, onlyVars := range []bool{true, false} {
		d.x.vars = cfg.Vars // complete once the vars phase is done
		for i, src := range files {
			if bodies[i] == nil {
				continue
			}
			d.src, d.inVars = src, onlyVars
			d.top(bodies[i], root, onlyVars)
		}
	}
	return d.probs
}

// maxMappings bounds the mappings one Load expands; aliases and merge keys
// can otherwise make a small file expand exponentially.
const maxMappings = 100000

// decoder applies one file's AST onto a value of the schema, checking keys
// and types as it goes and recording where each setting came from.
type decoder struct {
	src     *source
	x       *expander
	inVars  bool // decoding vars: @@KEY@@ is not allowed
	origins map[string]origin
	merging []*ast.MappingNode // merge-key expansions in progress, to stop cycles
	budget  int                // mappings left to expand, against alias bombs
	probs   []error
}

// top decodes the (resolved) document root: the vars key alone, or every
// other key.
func (d *decoder) top(n ast.Node, v reflect.Value, onlyVars bool) {
	entries, ok := d.entries("", n)
	if !ok {
		if !onlyVars { // report once, not once per phase
			d.typeError("", n, v.Type())
		}
		return
	}
	for _, e := range entries {
		if (e.key == "vars") != onlyVars {
			continue
		}
		d.field("", e, v)
	}
}

// add records a problem at p.
func (d *decoder) add(p pos, path string, err error) {
	d.probs = append(d.probs, &Problem{File: d.src.name, Line: p.line, Col: p.col, Path: path, Err: err})
}

// record remembers that the file set path at p.
func (d *decoder) record(path string, p pos) {
	if path != "" {
		d.origins[path] = origin{file: d.src.name, line: p.line, col: p.col}
	}
}

// value decodes n into v, dispatching on v's type.
func (d *decoder) value(path string, n ast.Node, v reflect.Value) {
	n = d.resolve(path, n)
	if n == nil {
		return // null: keep what the defaults or the base file set
	}
	switch v.Type() {
	case durationType, byteSizeType, secretType:
		d.scalar(path, n, v)
		return
	case notifierType: // a union keyed by its type (alerting_decode.go)
		d.notifier(path, n, v)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structValue(path, n, v)
	case reflect.Map:
		d.mapValue(path, n, v)
	case reflect.Slice:
		d.sliceValue(path, n, v)
	default:
		d.scalar(path, n, v)
	}
}

// structValue decodes a mapping into a struct, field by field, so that
// unset fields keep their current values.
func (d *decoder) structValue(path string, n ast.Node, v reflect.Value) {
	entries, ok := d.entries(path, n)
	if !ok {
		d.typeError(path, n, v.Type())
		return
	}
	for _, e := range entries {
		d.field(path, e, v)
	}
}

// field decodes one key of a struct, reporting keys the schema lacks.
func (d *decoder) field(path string, e entry, v reflect.Value) {
	fields := fieldsOf(v.Type())
	sub := joinPath(path, e.key)
	i, ok := fields.index[e.key]
	if !ok {
		msg := "unknown key " + strconv.Quote(e.key)
		if s := suggest(e.key, fields.names); s != "" {
			msg += " (did you mean " + strconv.Quote(s) + "?)"
		}
		d.add(e.pos, sub, errorf(ErrUnknownKey, "%s", msg))
		return
	}
	d.record(sub, e.pos)
	d.value(sub, e.value, v.Field(i))
}

// mapValue merges a mapping into a map with string keys, key by key.
func (d *decoder) mapValue(path string, n ast.Node, v reflect.Value) {
	entries, ok := d.entries(path, n)
	if !ok {
		d.typeError(path, n, v.Type())
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for _, e := range entries {
		sub := joinPath(path, e.key)
		elem := reflect.New(v.Type().Elem()).Elem()
		if cur := v.MapIndex(reflect.ValueOf(e.key)); cur.IsValid() {
			elem.Set(cur)
		}
		d.record(sub, e.pos)
		d.value(sub, e.value, elem)
		v.SetMapIndex(reflect.ValueOf(e.key), elem)
	}
}

// sliceValue replaces a list as a whole: an overlay's list is the new list.
func (d *decoder) sliceValue(path string, n ast.Node, v reflect.Value) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.typeError(path, n, v.Type())
		return
	}
	out := reflect.MakeSlice(v.Type(), 0, len(seq.Values))
	for i, item := range seq.Values {
		sub := path + "[" + strconv.Itoa(i) + "]"
		elem := reflect.New(v.Type().Elem()).Elem()
		if item != nil {
			d.record(sub, tokenPos(item))
		}
		d.value(sub, item, elem)
		out = reflect.Append(out, elem)
	}
	v.Set(out)
}

// joinPath appends a key to a dotted path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
