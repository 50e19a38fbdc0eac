package tcpin

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// lineReader splits a connection's bytes into lines of at most max bytes.
// Unlike bufio.Reader.ReadSlice alone, it keeps a partial line across read
// timeouts (the connection wakes up to flush batches) and skips the rest of
// an overlong line after returning its first max bytes.
type lineReader struct {
	r        *bufio.Reader
	max      int
	partial  []byte
	skipping bool
}

// next returns the next line without its "\n" or "\r\n", whether it was cut
// at max bytes, and the read error that stopped it. A line and io.EOF come
// together for a last line without a newline. The line is valid until the
// next call.
func (lr *lineReader) next() (line []byte, cut bool, err error) {
	for {
		frag, err := lr.r.ReadSlice('\n')
		switch {
		case lr.skipping:
			if err == nil {
				lr.skipping = false
				continue
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				lr.skipping = false // the sender ended the long line
			}
			return nil, false, err
		case err == nil:
			line = frag[:len(frag)-1]
			if len(lr.partial) > 0 {
				lr.partial = append(lr.partial, line...)
				line, lr.partial = lr.partial, lr.partial[:0]
			}
			return lr.limit(bytes.TrimSuffix(line, []byte{'\r'}))
		}
		lr.partial = append(lr.partial, frag...)
		if len(lr.partial) > lr.max+1 { // +1: a "\r" may still be the end
			// at EOF there is no rest of the line left to skip
			line, lr.partial, lr.skipping = lr.partial[:lr.max], lr.partial[:0], !errors.Is(err, io.EOF)
			return line, true, ignoreBufferFull(err)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && len(lr.partial) > 0 {
			line, lr.partial = lr.partial, lr.partial[:0]
			line, cut, _ = lr.limit(bytes.TrimSuffix(line, []byte{'\r'}))
			return line, cut, io.EOF
		}
		return nil, false, err
	}
}

func (lr *lineReader) limit(line []byte) ([]byte, bool, error) {
	if len(line) > lr.max {
		return line[:lr.max], true, nil
	}
	return line, false, nil
}

// pending reports whether bytes of an unfinished line were received.
func (lr *lineReader) pending() bool { return len(lr.partial) > 0 || lr.skipping }

func ignoreBufferFull(err error) error {
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil
	}
	return err
}
