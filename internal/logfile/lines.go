package logfile

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// lineReader splits a stream into lines of at most max bytes without ever
// holding more than one line: a longer line is cut at max, the rest of it
// discarded and the cut reported, so one bad object cannot exhaust memory.
type lineReader struct {
	br     *bufio.Reader
	max    int
	long   []byte
	offset int64 // byte offset of the next line
}

// line is one line without its ending.
type line struct {
	text   []byte // valid until the next call
	offset int64  // of the line's first byte in the (uncompressed) stream
	size   int    // bytes the line had, ending excluded, before any cut
}

// truncated reports whether the line was cut at the limit.
func (l line) truncated() bool { return l.size > len(l.text) }

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line, or io.EOF after the last one.
func (r *lineReader) next() (line, error) {
	l := line{offset: r.offset}
	chunk, err := r.br.ReadSlice('\n')
	r.offset += int64(len(chunk))
	if err == nil || (errors.Is(err, io.EOF) && len(chunk) > 0) {
		l.text = trimEnding(chunk)
		l.size = len(l.text)
		return l.cut(r.max), nil
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return l, err
	}
	return r.nextLong(l, chunk)
}

// nextLong gathers a line longer than the read buffer, keeping at most max
// bytes of it.
func (r *lineReader) nextLong(l line, chunk []byte) (line, error) {
	r.long = append(r.long[:0], chunk...)
	total := len(chunk)
	for {
		chunk, err := r.br.ReadSlice('\n')
		r.offset += int64(len(chunk))
		total += len(chunk)
		if room := r.max + 2 - len(r.long); room > 0 {
			r.long = append(r.long, chunk[:min(room, len(chunk))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return l, err
		}
		l.text = trimEnding(r.long)
		l.size = total - (len(chunk) - len(trimEnding(chunk)))
		return l.cut(r.max), nil
	}
}

func (l line) cut(max int) line {
	if len(l.text) > max {
		l.text = l.text[:max]
	}
	return l
}

func trimEnding(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
