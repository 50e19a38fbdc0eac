package alarm

import (
	"errors"
	"fmt"
	"os"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// LoadFile reads and validates the alarm file at path. The error joins
// every problem, each a *Problem naming path:line:col.
func LoadFile(path string) (*Alarm, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read alarm file: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates one alarm file's content; name is the file
// name used in problems. Decoding is strict: unknown keys, wrong types and
// invalid values are all reported, by line, in one error.
func Parse(name string, data []byte) (*Alarm, error) {
	body, perr := parseDocument(name, data)
	if perr != nil {
		return nil, perr
	}
	d := &decoder{file: name, seen: map[string]pos{}}
	a := &Alarm{TreatMissingData: TreatMissingMissing, Enabled: true, File: name}
	if !d.alarm(body, a) {
		return nil, errors.Join(d.probs...)
	}
	if a.DatapointsToAlarm == 0 {
		a.DatapointsToAlarm = a.EvaluationPeriods // CloudWatch's default
	}
	if _, ok := d.seen["threshold"]; !ok {
		d.addAt(pos{}, "threshold", errorf(ErrMissing, "threshold is required"))
	}
	for _, fp := range a.problems() {
		if !d.failed(fp.path) { // one message per key: the decode error says it
			d.addAt(d.locate(fp.path), fp.path, fp.err)
		}
	}
	if len(d.probs) > 0 {
		return nil, errors.Join(d.probs...)
	}
	return a, nil
}

// parseDocument parses data as exactly one YAML mapping document.
func parseDocument(name string, data []byte) (body ast.Node, err error) {
	defer func() {
		if r := recover(); r != nil { // goccy can panic on hostile input
			body, err = nil, &Problem{File: name, Err: errorf(ErrSyntax, "cannot parse: %v", r)}
		}
	}()
	file, perr := parser.ParseBytes(data, 0)
	if perr != nil {
		return nil, syntaxProblem(name, perr)
	}
	var docs []ast.Node
	for _, doc := range file.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc.Body)
		}
	}
	switch len(docs) {
	case 0:
		return nil, &Problem{File: name, Err: errorf(ErrSyntax, "empty file; an alarm file holds one alarm")}
	case 1:
		return docs[0], nil
	}
	p := posOf(docs[1])
	return nil, &Problem{File: name, Line: p.line, Col: p.col, Err: errorf(ErrSyntax, "more than one YAML document; an alarm file holds exactly one alarm")}
}

// syntaxProblem positions a goccy parse error when it carries a token.
func syntaxProblem(name string, err error) error {
	p := &Problem{File: name, Err: errorf(ErrSyntax, "%s", err.Error())}
	var tokErr interface {
		GetMessage() string
		GetToken() *tokenT
	}
	if errors.As(err, &tokErr) {
		p.Err = errorf(ErrSyntax, "%s", tokErr.GetMessage())
		if tk := tokErr.GetToken(); tk != nil && tk.Position != nil {
			p.Line, p.Col = tk.Position.Line, tk.Position.Column
		}
	}
	return p
}
