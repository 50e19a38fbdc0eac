package logfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
)

// decompress returns body's content, gunzipped when it starts with the gzip
// magic bytes (load balancers write .log.gz, but a key's suffix or a
// Content-Encoding header is not trusted).
func decompress(body io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(body, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, classifyRead(fmt.Errorf("read: %w", err))
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, classifyRead(fmt.Errorf("gzip: %w", err))
	}
	return zr, nil
}

// classifyRead marks corrupt compressed data as permanent; other read
// errors (a dropped connection, a truncated download) are retryable.
func classifyRead(err error) error {
	var corrupt flate.CorruptInputError
	if errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.As(err, &corrupt) {
		return permanent(err)
	}
	return err
}
