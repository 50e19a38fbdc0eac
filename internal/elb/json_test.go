package elb

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/event"
)

// reference is what AppendJSONWith must write: Parse's event with x's
// fields set the way a map-based caller sets them, encoded by
// event.AppendJSON.
func reference(p *Parser, line []byte, x *Extra) ([]byte, error) {
	e, err := p.Parse(line)
	if err != nil {
		return nil, err
	}
	if x != nil {
		x.Key.Fields(e)
		for path, v := range map[string]string{"aws.s3.bucket.name": x.Bucket, "aws.s3.object.key": x.Object, "log.file.path": x.Path, "event.id": x.EventID} {
			if v != "" {
				e.Set(path, v)
			}
		}
		if x.HasOffset {
			e.Set("log.offset", json.Number(strconv.FormatInt(x.Offset, 10)))
		}
		if x.Normalized {
			event.Normalize(e, time.Now())
		}
	}
	return event.AppendJSON(nil, e)
}

// checkSame asserts that AppendJSONWith and the reference agree on line:
// the same bytes, or the same error.
func checkSame(t *testing.T, p *Parser, line []byte, x *Extra) {
	t.Helper()
	want, werr := reference(p, line, x)
	prefix := []byte("prefix")
	got, gerr := p.AppendJSONWith(prefix, line, x)
	if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
		t.Fatalf("line %q\nParse error: %v\nAppendJSON error: %v", line, werr, gerr)
	}
	if werr != nil {
		if errors.Is(werr, ErrSkip) != errors.Is(gerr, ErrSkip) || errors.Is(werr, ErrMalformed) != errors.Is(gerr, ErrMalformed) {
			t.Fatalf("line %q: errors wrap different sentinels: %v / %v", line, werr, gerr)
		}
		if string(got) != "prefix" {
			t.Fatalf("line %q: dst changed on error: %q", line, got)
		}
		return
	}
	if !bytes.HasPrefix(got, prefix) {
		t.Fatalf("dst's content was not kept: %q", got)
	}
	if got = got[len(prefix):]; !bytes.Equal(got, want) {
		t.Fatalf("line %q\nAppendJSON:         %s\nevent.AppendJSON:   %s", line, got, want)
	}
}

// extras are the Extra values every line is checked with.
func extras(s string) []*Extra {
	key := ObjectKey{Account: "123456789012", Region: "us-east-2", LoadBalancer: "app/my-lb/50dc6c495c0c9188"}
	return []*Extra{
		nil,
		{},
		{Key: key, Bucket: "logs-bucket", Object: "AWSLogs/123456789012/x.log.gz", Offset: 0, HasOffset: true, EventID: "01hq3z5c8v0000000000000000"},
		{Key: key, Path: "/var/log/elb/x.log", Offset: 123456789, HasOffset: true, EventID: "id", Normalized: true},
		{Key: ObjectKey{Account: s, Region: s, LoadBalancer: s}, Bucket: s, Object: s, Path: s, Offset: -1, HasOffset: true, EventID: "e" + s, Normalized: true},
	}
}

// TestAppendJSONSameAsParse checks AppendJSON against Parse over every test
// line, in auto and in every forced format (so the error paths are
// compared too), with and without event.original and extra fields.
func TestAppendJSONSameAsParse(t *testing.T) {
	var lines []string
	for _, file := range []string{"testdata/cases.jsonl", "testdata/more_cases.jsonl"} {
		for _, c := range loadCases(t, file) {
			lines = append(lines, c.Line)
		}
	}
	lines = append(lines, benchALB, benchCLB, benchNLB, "", "  ", "-", "Enable AccessLog for ELB: my-lb",
		strings.Replace(benchALB, "curl/7.46.0", "cu\\\"rl\t\x01\xff\u2028é<&>", 1),
		strings.Replace(benchALB, "2018-07-02T22:23:00.186641Z", "2018-07-02T22:23:00.100000Z", 1),
		strings.Replace(benchALB, "2018-07-02T22:23:00.186641Z", "2018-07-02T22:23:00.000Z", 1),
		strings.Replace(benchALB, "app/my-loadbalancer/50dc6c495c0c9188", "-", 1))
	for _, line := range lines {
		for _, f := range formats {
			for _, omit := range []bool{false, true} {
				p := NewParser(Options{Format: f, OmitOriginal: omit})
				for _, x := range extras("a\"b\\c\n\x7f-é") {
					checkSame(t, p, []byte(line), x)
				}
			}
		}
	}
}

// TestAppendJSONNormalized checks that a Normalized line with a generated
// id is what event.Normalize leaves unchanged.
func TestAppendJSONNormalized(t *testing.T) {
	for _, line := range []string{benchALB, benchCLB, benchNLB} {
		got, err := NewParser(Options{}).AppendJSONWith(nil, []byte(line), &Extra{Normalized: true})
		if err != nil {
			t.Fatal(err)
		}
		e, err := event.Parse(got, event.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.ID()) != 26 {
			t.Fatalf("event.id %q is not a generated id", e.ID())
		}
		event.Normalize(e, time.Now())
		again, _ := event.AppendJSON(nil, e)
		if !bytes.Equal(got, again) {
			t.Fatalf("event.Normalize changed the line:\n%s\n%s", got, again)
		}
	}
}

// FuzzAppendJSON asserts that AppendJSON writes exactly what
// event.AppendJSON writes for Parse's event (or fails as Parse fails) in
// every format, with and without extra fields holding s.
func FuzzAppendJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, line []byte, s string, normalized bool) {
		for _, format := range formats {
			p := NewParser(Options{Format: format})
			checkSame(t, p, line, nil)
			x := &Extra{Key: ObjectKey{Account: s, Region: s, LoadBalancer: s}, Bucket: s, Path: s,
				Offset: int64(len(line)), HasOffset: true, EventID: "id" + s, Normalized: normalized}
			checkSame(t, p, line, x)
		}
	})
}
