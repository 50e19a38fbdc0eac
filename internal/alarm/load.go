package alarm

import (
	"github.com/logstack/logstack/internal/yamlsrc"

	"errors"
	"fmt"
	"os"

	"github.com/goccy/go-yaml/ast"
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
// yamlsrc.Parse bounds goccy's tokenizer and turns its panics into errors.
func parseDocument(name string, data []byte) (ast.Node, error) {
	file, perr := yamlsrc.Parse(data)
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

// syntaxProblem positions a parse error when the parser said where.
func syntaxProblem(name string, err error) error {
	msg, line, col := yamlsrc.SyntaxError(err)
	return &Problem{File: name, Line: line, Col: col, Err: errorf(ErrSyntax, "%s", msg)}
}
