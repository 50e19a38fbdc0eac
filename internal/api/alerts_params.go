package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxAlertBody caps an ack or silence request body.
const maxAlertBody = 64 << 10

// timeFormat is how error messages show times.
const timeFormat = time.RFC3339

// errRequired is the error of a missing required field.
var errRequired = errors.New("required")

// decodeBody strictly decodes a JSON request body into dst: unknown fields,
// trailing data and bodies over maxAlertBody are client mistakes.
func decodeBody(r *http.Request, dst any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxAlertBody+1))
	if err != nil {
		return &requestError{Param: "body", Err: err}
	}
	if len(body) > maxAlertBody {
		return &requestError{Param: "body", Err: fmt.Errorf("over %d bytes", maxAlertBody)}
	}
	return decodeJSON(body, dst)
}

// decodeJSON is decodeBody's parser, separate for the fuzz target.
func decodeJSON(body []byte, dst any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return &requestError{Param: "body", Err: errors.New("empty, want a JSON object")}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return &requestError{Param: "body", Err: err}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &requestError{Param: "body", Err: errors.New("trailing data after the JSON object")}
	}
	return nil
}
