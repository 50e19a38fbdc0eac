package elasticsearch

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

// FuzzTranslate checks that every query the parser accepts translates to
// JSON the cluster can be sent, or fails as a bad request, never panics.
func FuzzTranslate(f *testing.F) {
	for _, q := range []string{`error`, `"a b" AND NOT c:d*`, `x:[1 TO 2}`, `@timestamp:>now-1h/d`,
		`source.ip:"::1"`, `flag:t?ue`, `a:\*b*`, `http.response.status_code:4e2`, `_exists_:x`} {
		f.Add(q)
	}
	tr := &translator{types: fieldTypes([]Field{{"flag", typeBoolean}}), now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := query.Parse(q)
		if err != nil {
			return
		}
		d, err := tr.query(n)
		if err != nil {
			if !errors.Is(err, store.ErrBadRequest) {
				t.Fatalf("%q: %v is not a bad request", q, err)
			}
			return
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
	})
}
