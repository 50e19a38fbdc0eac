package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

var (
	durationType = reflect.TypeFor[Duration]()
	byteSizeType = reflect.TypeFor[ByteSize]()
	secretType   = reflect.TypeFor[Secret]()
)

// scalarKind is the YAML type of a scalar as written.
type scalarKind int

const (
	kindString scalarKind = iota // plain, quoted or block string
	kindInt
	kindFloat
	kindBool
)

// scalar is a scalar node's text and YAML type.
type scalar struct {
	kind  scalarKind
	text  string // unmasked value text (for numbers and booleans, as written)
	num   int64  // for kindInt
	numOK bool   // num holds the value (false when out of int64 range)
	bool  bool   // for kindBool
	span  int    // lines the scalar may span in the source, to locate tokens
}

// scalarOf reads a scalar node; ok is false for mappings and lists.
func scalarOf(n ast.Node) (sc scalar, ok bool) {
	sc.span = 1
	switch t := n.(type) {
	case *ast.StringNode:
		sc.text = unmask(t.Value)
		if t.Token != nil {
			sc.span = strings.Count(t.Token.Origin, "\n") + 1
		}
	case *ast.LiteralNode:
		if t.Value == nil {
			return sc, true
		}
		sc.text = unmask(t.Value.Value)
		if t.Value.Token != nil {
			sc.span = strings.Count(t.Value.Token.Origin, "\n") + 2
		}
	case *ast.IntegerNode:
		sc.kind, sc.text = kindInt, nodeText(t)
		switch v := t.Value.(type) {
		case int64:
			sc.num, sc.numOK = v, true
		case int:
			sc.num, sc.numOK = int64(v), true
		case uint64:
			sc.num, sc.numOK = int64(v), v <= 1<<63-1
		}
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		sc.kind, sc.text = kindFloat, nodeText(t)
	case *ast.BoolNode:
		sc.kind, sc.text, sc.bool = kindBool, nodeText(t), t.Value
	default:
		return sc, false
	}
	return sc, true
}

// scalar decodes a scalar node into a string, bool, int, Duration,
// ByteSize or Secret, substituting tokens first.
func (d *decoder) scalar(path string, n ast.Node, v reflect.Value) {
	sc, ok := scalarOf(n)
	if !ok {
		d.typeError(path, n, v.Type())
		return
	}
	if v.Type() == secretType {
		d.secret(path, n, sc, v)
		return
	}
	text, subst := sc.text, false
	if sc.kind == kindString {
		if text, subst, ok = d.expand(path, n, sc); !ok {
			return
		}
	}
	if err := setScalar(v, sc, text, subst); err != nil {
		d.typeMismatch(path, n, v.Type(), sc, subst)
	}
}

// setScalar converts the (substituted) text to v's type. A string literal
// never converts to a bool or an int: only a YAML boolean or integer, or a
// string made of substituted tokens, does.
func setScalar(v reflect.Value, sc scalar, text string, subst bool) error {
	switch {
	case v.Type() == durationType:
		if sc.kind == kindBool {
			return errWrongType
		}
		dv, err := ParseDuration(text)
		if err != nil {
			return err
		}
		v.SetInt(int64(dv))
		return nil
	case v.Type() == byteSizeType:
		if sc.kind == kindInt && sc.numOK && sc.num >= 0 {
			v.SetInt(sc.num)
			return nil
		}
		if sc.kind == kindBool {
			return errWrongType
		}
		bv, err := ParseByteSize(text)
		if err != nil {
			return err
		}
		v.SetInt(int64(bv))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		return setBool(v, sc, text, subst)
	case reflect.Int, reflect.Int64:
		return setInt(v, sc, text, subst)
	default:
		return errWrongType
	}
	return nil
}

var errWrongType = fmt.Errorf("wrong type")

func setBool(v reflect.Value, sc scalar, text string, subst bool) error {
	switch {
	case sc.kind == kindBool:
		v.SetBool(sc.bool)
	case sc.kind == kindString && subst:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return err
		}
		v.SetBool(b)
	default:
		return errWrongType
	}
	return nil
}

func setInt(v reflect.Value, sc scalar, text string, subst bool) error {
	n, ok := sc.num, sc.kind == kindInt && sc.numOK
	if sc.kind == kindString && subst {
		var err error
		n, err = strconv.ParseInt(text, 10, 64)
		ok = err == nil
	}
	if !ok || v.OverflowInt(n) {
		return errWrongType
	}
	v.SetInt(n)
	return nil
}

// secret decodes a Secret, which the file may only refer to: the value must
// be exactly ${VAR} or ${VAR:-} (or empty, meaning "not set").
func (d *decoder) secret(path string, n ast.Node, sc scalar, v reflect.Value) {
	if sc.kind == kindString && sc.text == "" {
		v.SetString("")
		return
	}
	ref, ok := parseEnvRef(sc.text)
	if sc.kind != kindString || !ok || ref.tok != sc.text || ref.def != "" {
		d.add(tokenPos(n), path, errorf(ErrLiteralSecret,
			"a secret must be written as ${VAR} (or ${VAR:-} when optional) or given through a *_file key, never as a literal value"))
		return
	}
	text, _, ok := d.expand(path, n, sc)
	if ok {
		v.SetString(text)
	}
}

// expand substitutes the tokens of a string scalar, reporting each token it
// cannot replace at the token's own line and column.
func (d *decoder) expand(path string, n ast.Node, sc scalar) (string, bool, bool) {
	out, found, issues := d.x.expand(sc.text, !d.inVars)
	for _, is := range issues {
		d.add(d.src.locate(tokenPos(n), sc.span, is.tok), path, is.err)
	}
	return out, found, len(issues) == 0
}

// typeError reports a node of the wrong shape (a list where a mapping is
// expected, ...).
func (d *decoder) typeError(path string, n ast.Node, want reflect.Type) {
	d.add(tokenPos(n), path, errorf(ErrType, "expected %s, got %s", describeType(want), describeNode(n)))
}

// typeMismatch reports a scalar that does not convert. It shows the value
// as written in the file, never a substituted one.
func (d *decoder) typeMismatch(path string, n ast.Node, want reflect.Type, sc scalar, subst bool) {
	got := describeNode(n)
	if subst {
		got += " (the value after substitution does not convert)"
	}
	d.add(tokenPos(n), path, errorf(ErrType, "expected %s, got %s", describeType(want), got))
}

// describeType names what a field expects, with examples for units.
func describeType(t reflect.Type) string {
	switch t {
	case durationType:
		return "a duration such as 200ms, 15m or 14d"
	case byteSizeType:
		return "a byte size such as 512KiB, 10MiB or 1GB"
	case secretType:
		return "a string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	default:
		return "a mapping"
	}
}

// describeNode names what the file holds, quoting short scalars.
func describeNode(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	}
	sc, ok := scalarOf(n)
	if !ok {
		return "an unsupported value"
	}
	text := sc.text
	if len(text) > 60 || strings.ContainsAny(text, "\r\n") {
		return map[scalarKind]string{kindString: "a string", kindInt: "an integer", kindFloat: "a number", kindBool: "a boolean"}[sc.kind]
	}
	switch sc.kind {
	case kindInt:
		return "integer " + text
	case kindFloat:
		return "number " + text
	case kindBool:
		return "boolean " + text
	}
	return "string " + strconv.Quote(text)
}
