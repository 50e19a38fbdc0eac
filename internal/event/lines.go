package event

import (
	"bytes"
	"iter"
)

// Lines iterates over the non-blank lines of NDJSON data, yielding each
// line's 1-based number in data and its bytes without the line ending ("\n"
// or "\r\n"). Blank and whitespace-only lines are skipped but still counted,
// so the numbers match what the sender's editor shows. The yielded slices
// alias data.
func Lines(data []byte) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		for n := 1; len(data) > 0; n++ {
			line := data
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				line, data = data[:i], data[i+1:]
			} else {
				data = nil
			}
			line = bytes.TrimSuffix(line, []byte{'\r'})
			if isBlank(line) {
				continue
			}
			if !yield(n, line) {
				return
			}
		}
	}
}

func isBlank(b []byte) bool { return skipSpace(b, 0) == len(b) }
