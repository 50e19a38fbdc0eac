package esfake

import (
	"strings"
	"testing"
)

func TestFilterPath(t *testing.T) {
	s := Start(t)
	f := func(path, body, want string) {
		t.Helper()
		_, raw, _ := callRaw(t, s, "POST", path, body)
		if got := strings.TrimSpace(string(raw)); got != want {
			t.Errorf("%s:\n got %s\nwant %s", path, got, want)
		}
	}
	bulkBody := `{"create":{"_index":"a","_id":"1"}}` + "\n{}\n" + `{"create":{"_index":"a","_id":"1"}}` + "\n{}\n"
	f("/_bulk?filter_path=errors,items.*.status", bulkBody, `{"errors":true,"items":[{"create":{"status":201}},{"create":{"status":409}}]}`)
	f("/_bulk?filter_path=items.*.error.type", strings.ReplaceAll(bulkBody, `"a"`, `"b"`), `{"items":[{"create":{"error":{"type":"version_conflict_engine_exception"}}}]}`)
	f("/a/_search?filter_path=hits.total", `{}`, `{"hits":{"total":{"relation":"eq","value":1}}}`)
	f("/a/_search?filter_path=**.value", `{}`, `{"hits":{"total":{"value":1}}}`)
	f("/a/_search?filter_path=nothing", `{}`, `{}`)
}
