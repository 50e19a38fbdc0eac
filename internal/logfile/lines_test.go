package logfile

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzLineReader checks that lines come back as bytes.Split would give
// them (endings removed), cut at the limit with the full size reported, and
// offsets pointing at each line's start.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\nb\r\n\nlast"), 4)
	f.Add(bytes.Repeat([]byte("x"), 70000), 10)
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		if max <= 0 || max > 1<<20 {
			return
		}
		r := newLineReader(bytes.NewReader(data), max)
		want := bytes.Split(data, []byte("\n"))
		if len(want[len(want)-1]) == 0 {
			want = want[:len(want)-1]
		}
		var offset int64
		for i, w := range want {
			l, err := r.next()
			if err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			w = bytes.TrimSuffix(w, []byte("\r"))
			if l.offset != offset || l.size != len(w) || !bytes.Equal(l.text, w[:min(len(w), max)]) {
				t.Fatalf("line %d: got %q size %d at %d, want %q at %d", i+1, l.text, l.size, l.offset, w, offset)
			}
			offset += int64(len(want[i])) + 1
		}
		if _, err := r.next(); !errors.Is(err, io.EOF) {
			t.Fatalf("after the last line: %v", err)
		}
	})
}
