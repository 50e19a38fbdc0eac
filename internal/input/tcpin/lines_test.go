package tcpin

import (
	"bufio"
	"io"
	"os"
	"reflect"
	"testing"
)

// script is a reader that returns its chunks one per Read, a nil chunk
// standing for a read timeout.
type script struct{ chunks [][]byte }

func (s *script) Read(p []byte) (int, error) {
	if len(s.chunks) == 0 {
		return 0, io.EOF
	}
	c := s.chunks[0]
	if c == nil {
		s.chunks = s.chunks[1:]
		return 0, os.ErrDeadlineExceeded
	}
	n := copy(p, c)
	if n == len(c) {
		s.chunks = s.chunks[1:]
	} else {
		s.chunks[0] = c[n:]
	}
	return n, nil
}

func TestLineReader(t *testing.T) {
	f := func(max int, chunks []string, want []string) {
		t.Helper()
		s := &script{}
		for _, c := range chunks {
			if c == "<timeout>" {
				s.chunks = append(s.chunks, nil)
			} else {
				s.chunks = append(s.chunks, []byte(c))
			}
		}
		lr := lineReader{r: bufio.NewReaderSize(s, 16), max: max}
		var got []string
		for {
			line, cut, err := lr.next()
			if line != nil {
				mark := ""
				if cut {
					mark = "[cut]"
				}
				got = append(got, string(line)+mark)
			}
			if err == io.EOF {
				break
			}
			if err != nil && err != os.ErrDeadlineExceeded {
				t.Fatalf("unexpected error %v", err)
			}
			if err != nil {
				got = append(got, "<timeout>")
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", chunks, got, want)
		}
	}
	f(100, []string{"a\nb\r\n", "c"}, []string{"a", "b", "c"})
	f(100, []string{"ab", "<timeout>", "c\n"}, []string{"<timeout>", "abc"})
	f(100, []string{"a", "<timeout>", "b", "<timeout>", "\r\nd\n"}, []string{"<timeout>", "<timeout>", "ab", "d"})
	f(4, []string{"abcdefgh\nxy\n"}, []string{"abcd[cut]", "xy"})
	f(4, []string{"abcd\r\n"}, []string{"abcd"})
	f(4, []string{"abcd\r", "<timeout>", "\n"}, []string{"<timeout>", "abcd"})
	f(4, []string{"abcdefghijklmnopqrstuvwxyz0123456789", "<timeout>", "more", "\nz\n"}, []string{"abcd[cut]", "<timeout>", "z"})
	f(4, []string{"abcdefghijklmnopqrstuvwxyz0123456789"}, []string{"abcd[cut]"})
	f(40, []string{"abcdefghijklmnopqrstuvwxyz0123456789\n"}, []string{"abcdefghijklmnopqrstuvwxyz0123456789"})
	f(100, []string{"\n\n"}, []string{"", ""})
	f(100, []string{}, nil)
	f(4, []string{"abcdefgh"}, []string{"abcd[cut]"}) // cut at EOF: nothing left to skip
}
