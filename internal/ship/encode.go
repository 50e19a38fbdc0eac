package ship

import (
	"bytes"
	"fmt"
	"net"

	"github.com/logstack/logstack/internal/event"
)

// encodeChunks encodes events as NDJSON in chunks of at most maxBytes (one
// event larger than that is a chunk of its own), so that a request stays
// under the broker's body limit.
func encodeChunks(events []event.Event, maxBytes int) ([][]byte, []int, error) {
	var chunks [][]byte
	var counts []int
	buf := make([]byte, 0, min(maxBytes, 1200*len(events)))
	n := 0
	for i, e := range events {
		start := len(buf)
		var err error
		buf, err = event.AppendJSON(buf, e)
		if err != nil {
			return nil, nil, fmt.Errorf("encode event %d: %w", i, err)
		}
		buf = append(buf, '\n')
		if len(buf) > maxBytes && start > 0 {
			chunks, counts = append(chunks, buf[:start:start]), append(counts, n)
			buf, n = append([]byte(nil), buf[start:]...), 0
		}
		n++
	}
	if n > 0 {
		chunks, counts = append(chunks, buf), append(counts, n)
	}
	return chunks, counts, nil
}

// splitLines returns how many leading bytes of data (whole lines, at least
// one) fit in maxBytes, and how many lines that is.
func splitLines(data []byte, maxBytes int) (cut, lines int) {
	for cut < len(data) {
		end := bytes.IndexByte(data[cut:], '\n')
		if end < 0 {
			end = len(data) - cut - 1
		}
		next := cut + end + 1
		if next > maxBytes && lines > 0 {
			break
		}
		cut, lines = next, lines+1
	}
	return cut, lines
}

// compress decides whether bodies to host are gzipped (see
// HTTPConfig.Compression).
func compress(mode, host string) bool {
	switch mode {
	case "gzip":
		return true
	case "none":
		return false
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}
