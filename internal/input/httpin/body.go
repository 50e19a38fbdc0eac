package httpin

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// requestError is a request refused before publishing, with the HTTP status
// it is answered with and the rejected_total reason it is counted under.
type requestError struct {
	status int
	reason string
	msg    string
	line   int // 1-based NDJSON line, 0 when not about a line
	offset int // byte offset in the body (or line), -1 when unknown
}

func (e *requestError) Error() string { return e.msg }

func malformed(msg string, line, offset int) *requestError {
	return &requestError{status: http.StatusBadRequest, reason: reasonMalformed, msg: msg, line: line, offset: offset}
}

func tooLarge(msg string) *requestError {
	return &requestError{status: http.StatusRequestEntityTooLarge, reason: reasonTooLarge, msg: msg, offset: -1}
}

// errClientGone marks a body read cut short by the client.
var errClientGone = errors.New("client went away")

// readBody returns the request body, decompressed, refusing unknown
// encodings and bodies over limit bytes before or after decompression (a
// small gzip bomb must not exhaust memory).
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	var src io.Reader = http.MaxBytesReader(w, r.Body, limit)
	gz := false
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(src)
		if err != nil {
			return nil, bodyReadError(r, err, limit, true)
		}
		gz = true
		defer zr.Close()
		src = zr
	default:
		return nil, &requestError{status: http.StatusUnsupportedMediaType, reason: reasonMalformed,
			msg: fmt.Sprintf("unsupported Content-Encoding %q: send identity or gzip", enc), offset: -1}
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(min(r.ContentLength, limit)))
	}
	n, err := buf.ReadFrom(io.LimitReader(src, limit+1))
	if err != nil {
		return nil, bodyReadError(r, err, limit, gz)
	}
	if n > limit {
		return nil, tooLarge(fmt.Sprintf("request body over %d bytes after decompression", limit))
	}
	return buf.Bytes(), nil
}

func bodyReadError(r *http.Request, err error, limit int64, gz bool) error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return tooLarge(fmt.Sprintf("request body over %d bytes", limit))
	case r.Context().Err() != nil:
		return errClientGone
	case gz:
		return malformed("invalid gzip body: "+err.Error(), 0, -1)
	}
	return malformed("reading request body: "+err.Error(), 0, -1)
}
