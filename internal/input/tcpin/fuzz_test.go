package tcpin

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"testing"
)

// FuzzLineReader checks the line splitter against a plain model (split on
// "\n", drop one "\r", cut at max) whatever the read chunking and wherever
// read timeouts fall.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("{\"a\":1}\r\n\nlong line here\npartial"), []byte{3, 0, 7}, uint8(6))
	f.Fuzz(func(t *testing.T, data, cuts []byte, maxLen uint8) {
		limit := int(maxLen%64) + 1
		s := &script{}
		rest := data
		for _, c := range cuts {
			n := min(int(c)%8, len(rest))
			if n == 0 {
				s.chunks = append(s.chunks, nil) // a timeout
				continue
			}
			s.chunks = append(s.chunks, rest[:n])
			rest = rest[n:]
		}
		if len(rest) > 0 {
			s.chunks = append(s.chunks, rest)
		}
		lr := lineReader{r: bufio.NewReaderSize(s, 16), max: limit}
		var got [][]byte
		for {
			line, _, err := lr.next()
			if line != nil {
				got = append(got, bytes.Clone(line))
			}
			if err == io.EOF {
				break
			}
			if err != nil && err != os.ErrDeadlineExceeded {
				t.Fatal(err)
			}
		}
		want := model(data, limit)
		if len(got) != len(want) {
			t.Fatalf("%q max %d: %d lines %q, want %q", data, limit, len(got), got, want)
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%q max %d: line %d %q, want %q", data, limit, i, got[i], want[i])
			}
		}
		if lr.pending() {
			t.Fatal("bytes pending after EOF")
		}
	})
}

func model(data []byte, limit int) [][]byte {
	var out [][]byte
	segs := bytes.Split(data, []byte{'\n'})
	if len(segs[len(segs)-1]) == 0 {
		segs = segs[:len(segs)-1]
	}
	for _, s := range segs {
		s = bytes.TrimSuffix(s, []byte{'\r'})
		if len(s) > limit {
			s = s[:limit]
		}
		out = append(out, s)
	}
	return out
}
