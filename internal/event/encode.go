package event

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
)

// AppendJSON appends e as compact JSON: keys sorted, no HTML escaping, byte
// for byte what encoding/json (with SetEscapeHTML(false)) writes. It walks
// the decoded shapes events have (objects, arrays, strings, json.Number,
// booleans, null) directly, which is several times faster than
// encoding/json's reflection and matters because every event is encoded on
// its way into the queue and again into the store; anything else, and
// strings that need escaping, go through encoding/json.
func AppendJSON(buf []byte, e Event) ([]byte, error) {
	return appendJSON(buf, map[string]any(e))
}

var reJSONNumber = regexp.MustCompile(`^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$`)

func appendJSON(buf []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case string:
		return appendString(buf, x)
	case json.Number:
		if !reJSONNumber.MatchString(string(x)) {
			return appendSlow(buf, x)
		}
		return append(buf, x...), nil
	case bool:
		return strconv.AppendBool(buf, x), nil
	case map[string]any:
		return appendObject(buf, x)
	case Event:
		return appendObject(buf, x)
	case []any:
		buf = append(buf, '[')
		for i, el := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			var err error
			if buf, err = appendJSON(buf, el); err != nil {
				return nil, err
			}
		}
		return append(buf, ']'), nil
	}
	return appendSlow(buf, v)
}

func appendObject(buf []byte, m map[string]any) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	buf = append(buf, '{')
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = appendString(buf, k); err != nil {
			return nil, err
		}
		buf = append(buf, ':')
		if buf, err = appendJSON(buf, m[k]); err != nil {
			return nil, err
		}
	}
	return append(buf, '}'), nil
}

// appendString writes plain printable ASCII directly and leaves escaping
// to encoding/json.
func appendString(buf []byte, s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return appendSlow(buf, s)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"'), nil
}

// appendSlow encodes v with encoding/json, without HTML escaping.
func appendSlow(buf []byte, v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return append(buf, bytes.TrimSuffix(b.Bytes(), []byte("\n"))...), nil
}
