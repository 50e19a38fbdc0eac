package config

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

var notifierType = reflect.TypeFor[Notifier]()

// notifier decodes a Notifier, the config's one tagged union: `type` is
// read first (from this mapping, or kept from the base file when an
// overlay only changes other keys), then every other key must be `retry`
// or a key of that type's struct. A key of another type, or of none, is
// an unknown key with its line and the closest valid key, as everywhere
// else in the config.
func (d *decoder) notifier(path string, n ast.Node, v reflect.Value) {
	entries, ok := d.entries(path, n)
	if !ok {
		d.typeError(path, n, v.Type())
		return
	}
	nt := v.Addr().Interface().(*Notifier)
	if o, ok := d.origins[path]; ok {
		nt.at = o
	}
	variant, ok := d.notifierType(path, n, entries, nt)
	if !ok {
		return
	}
	common, own := fieldsOf(notifierType), fieldsOf(variant.Type().Elem())
	for _, e := range entries {
		if e.key == "type" {
			continue
		}
		sub := joinPath(path, e.key)
		switch i, inCommon := common.index[e.key]; {
		case inCommon:
			d.record(sub, e.pos)
			d.value(sub, e.value, v.Field(i))
		default:
			j, inOwn := own.index[e.key]
			if !inOwn {
				d.unknownNotifierKey(sub, e, nt.Type, append(append([]string{}, common.names...), own.names...))
				continue
			}
			d.record(sub, e.pos)
			d.value(sub, e.value, variant.Elem().Field(j))
		}
	}
}

// notifierType decodes the `type` key and returns the (allocated) settings
// struct pointer of that type. A type change from the base file drops the
// base file's settings, which belonged to the other type. ok is false when
// the type is missing or unknown (reported) or did not decode.
func (d *decoder) notifierType(path string, n ast.Node, entries []entry, nt *Notifier) (reflect.Value, bool) {
	prev, sub := nt.Type, joinPath(path, "type")
	var te *entry
	for i := range entries {
		if entries[i].key == "type" {
			te = &entries[i]
		}
	}
	if te != nil {
		before := len(d.probs)
		d.record(sub, te.pos)
		d.value(sub, te.value, reflect.ValueOf(&nt.Type).Elem())
		if len(d.probs) > before {
			return reflect.Value{}, false
		}
	}
	variant, known := nt.variant()
	switch {
	case nt.Type == "":
		at := tokenPos(n)
		if o, ok := d.origins[path]; ok {
			at = pos{line: o.line, col: o.col}
		}
		d.add(at, sub, errorf(ErrInvalid, "missing: every notifier needs a type, one of %s", strings.Join(NotifierTypes, ", ")))
		return reflect.Value{}, false
	case !known:
		if tv := typeNode(d, sub, te); tv != nil { // a bad type from the base file was reported there
			msg := strconv.Quote(nt.Type) + " is not a notifier type, one of " + strings.Join(NotifierTypes, ", ")
			if s := suggest(nt.Type, NotifierTypes); s != "" {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			}
			d.add(tokenPos(tv), sub, errorf(ErrInvalid, "%s", msg))
		}
		return reflect.Value{}, false
	}
	if prev != nt.Type {
		for _, i := range notifierVariants {
			reflect.ValueOf(nt).Elem().Field(i).SetZero()
		}
	}
	if variant.IsNil() {
		variant.Set(reflect.New(variant.Type().Elem()))
	}
	return variant, true
}

// unknownNotifierKey reports a key that the notifier's type does not have.
func (d *decoder) unknownNotifierKey(path string, e entry, typ string, known []string) {
	msg := "unknown key " + strconv.Quote(e.key) + " for a " + typ + " notifier"
	if s := suggest(e.key, known); s != "" {
		msg += " (did you mean " + strconv.Quote(s) + "?)"
	} else if others := typesWithKey(e.key); len(others) > 0 {
		msg += " (it is a key of " + strings.Join(others, ", ") + " notifiers)"
	}
	d.add(e.pos, path, errorf(ErrUnknownKey, "%s", msg))
}

// typesWithKey lists the notifier types that have key, to explain a key
// copied from another type's example.
func typesWithKey(key string) []string {
	var out []string
	for _, typ := range NotifierTypes {
		f := notifierType.Field(notifierVariants[typ])
		if _, ok := fieldsOf(f.Type.Elem()).index[key]; ok {
			out = append(out, typ)
		}
	}
	return out
}

// typeNode is the resolved value node of the type entry, nil when there is
// none or it is null.
func typeNode(d *decoder, path string, te *entry) ast.Node {
	if te == nil {
		return nil
	}
	return d.resolve(path, te.value)
}
