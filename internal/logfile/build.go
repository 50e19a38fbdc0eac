package logfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/logstack/logstack/internal/elb"
	"github.com/logstack/logstack/internal/event"
)

// TagParseFailure marks an event holding a line that did not parse, as
// Logstash's grok (_grokparsefailure) and logstack's TCP input
// (_jsonparsefailure) do: the line is kept in message, the reason in
// error.message.
const TagParseFailure = "_elbparsefailure"

// builder makes the event of one line: parsed, or a parse failure.
type builder struct {
	obj    Object
	parser Parser
	fields func(event.Event)
	ids    *idMaker
	sum    *Summary
	x      *elb.Extra // the line path's object fields, see extra
}

func newBuilder(obj Object, parser Parser, fields func(event.Event), sum *Summary) *builder {
	return &builder{obj: obj, parser: parser, fields: fields, ids: newIDMaker(obj), sum: sum}
}

// build returns line n's event, or nil for an empty or control line.
func (b *builder) build(n int, l line) event.Event {
	if len(l.text) == 0 {
		return nil
	}
	var e event.Event
	var err error
	if l.truncated() {
		err = fmt.Errorf("line longer than %d bytes (%d), cut", len(l.text), l.size)
	} else {
		e, err = b.parser.Parse(l.text)
	}
	if errors.Is(err, ErrSkipLine) {
		return nil
	}
	if err != nil {
		e = b.failure(n, l, err)
	}
	b.annotate(e, n, l)
	return e
}

// failure counts a bad line and makes its event.
func (b *builder) failure(n int, l line, err error) event.Event {
	b.sum.BadLines++
	b.sum.addError(fmt.Sprintf("%s:%d: %v", b.obj, n, err))
	e := event.Event{
		event.FieldMessage: string(l.text),
		event.FieldTags:    []any{TagParseFailure},
	}
	e.Set("error.message", err.Error())
	return e
}

// annotate adds the object's fields, where the line came from and its id.
func (b *builder) annotate(e event.Event, n int, l line) {
	if b.fields != nil {
		b.fields(e)
	}
	if b.obj.Bucket != "" {
		e.Set("aws.s3.bucket.name", b.obj.Bucket)
		e.Set("aws.s3.object.key", b.obj.Key)
	} else {
		e.Set("log.file.path", b.obj.Key)
	}
	e.Set("log.offset", json.Number(strconv.FormatInt(l.offset, 10)))
	e.Set(event.FieldID, b.ids.id(n))
}
