package elb

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/logstack/logstack/internal/event"
)

// Options configures a Parser. The zero value detects the layout of every
// line and keeps the raw line in event.original.
type Options struct {
	// Format forces one layout; "" or Auto detects it per line.
	Format Format
	// OmitOriginal leaves event.original out, which halves the stored size
	// of an event when the raw line is kept elsewhere (the S3 object).
	OmitOriginal bool
}

// Parser turns load-balancer log lines into events. It holds only its
// options, so one Parser is safe for concurrent use by any number of
// goroutines.
type Parser struct {
	format       Format
	omitOriginal bool
}

// NewParser returns a Parser for o. An unknown o.Format is treated as Auto;
// validate user input with ParseFormat first.
func NewParser(o Options) *Parser {
	f, err := ParseFormat(string(o.Format))
	if err != nil {
		f = Auto
	}
	return &Parser{format: f, omitOriginal: o.OmitOriginal}
}

// controlPrefix starts the one line of the ELBAccessLogTestFile object AWS
// writes when access logging is switched on.
const controlPrefix = "Enable AccessLog for ELB:"

// Parse turns one log line (no trailing newline) into an event. It returns
// an error wrapping ErrSkip for lines that are not access-log entries (the
// ELBAccessLogTestFile control line "Enable AccessLog for ELB: ..."), and an
// error wrapping ErrMalformed that names the field, its number and byte
// offset and what was wrong otherwise. The caller adds file and line
// numbers. A caller that only needs the event's JSON should use AppendJSON,
// which builds no maps and is several times faster.
func (p *Parser) Parse(line []byte) (event.Event, error) {
	line = trimLine(line)
	var f fields
	// The one copy: every value is a substring of it, kept by the event.
	if err := p.fill(&f, line, string(line)); err != nil {
		return nil, err
	}
	return toEvent(&f), nil
}

// trimLine drops a line ending, or blanks an editor left.
func trimLine(line []byte) []byte {
	n := len(line)
	for n > 0 && (line[n-1] == ' ' || line[n-1] == '\t' || line[n-1] == '\r' || line[n-1] == '\n') {
		n--
	}
	return line[:n]
}

// fill parses the trimmed line, whose text s is, into f.
func (p *Parser) fill(f *fields, line []byte, s string) error {
	if bytes.HasPrefix(line, []byte(controlPrefix)) {
		return fmt.Errorf("%w: ELBAccessLogTestFile control line", ErrSkip)
	}
	if len(line) == 0 {
		return fmt.Errorf("%w: empty line", ErrMalformed)
	}
	format := p.format
	if format == Auto {
		if format = detect(s); format == "" {
			return fmt.Errorf("%w: cannot tell the layout: no ISO 8601 date-time as field 1 (CLB, connection log), 2 (ALB) or 3 (NLB)", ErrMalformed)
		}
	}
	var ts tokens
	var err error
	switch format {
	case CLB:
		err = parseCLB(f, s, &ts)
	case ALB:
		err = parseALB(f, s, &ts)
	case NLB:
		err = parseNLB(f, s, &ts)
	case ALBConn:
		err = parseConn(f, s, &ts)
	default:
		err = fmt.Errorf("%w %q", ErrUnknownFormat, format)
	}
	if err != nil {
		return err
	}
	f.quoteFree = bytes.Count(line, []byte{'"'}) == 2*ts.quoted
	if !p.omitOriginal {
		f.str(fEventOriginal, s)
	}
	return nil
}

// detect tells the layout from the first three fields: CLB and connection
// logs start with the time (a connection log's third field is a bare port,
// a CLB's is client:port), ALB lines have it second, NLB lines third.
func detect(s string) Format {
	f1, rest, _ := strings.Cut(s, " ")
	f2, rest, _ := strings.Cut(rest, " ")
	f3, _, _ := strings.Cut(rest, " ")
	switch {
	case looksLikeTime(f1):
		if isUint(f3) {
			return ALBConn
		}
		return CLB
	case looksLikeTime(f2):
		return ALB
	case looksLikeTime(f3):
		return NLB
	}
	return ""
}

// looksLikeTime is the shape check detection needs; the format's parser
// then validates the date itself and names the field when it is wrong.
func looksLikeTime(s string) bool {
	return len(s) >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && allDigits(s[:4])
}
