package lint

import "testing"

func TestRealertStorm(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		sev    Severity
		line   int
		substr string
	}{
		{"default realert", "name: r\ntype: any\nindex: logs\nfilter: []\nalert: [email]\n", "", 0, ""},
		{"realert 0 on any", "name: r\ntype: any\nindex: logs\nrealert: {minutes: 0}\nalert: [email]\n", SeverityError, 4, "any"},
		{"realert 0 with aggregation", "name: r\ntype: any\nindex: logs\nrealert: {minutes: 0}\naggregation: {minutes: 5}\nalert: [email]\n", "", 0, ""},
		{"realert 0 on frequency", "name: r\ntype: frequency\nindex: logs\nnum_events: 5\ntimeframe: {minutes: 5}\nrealert: {minutes: 0}\nalert: [email]\n", SeverityWarning, 6, "storm"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := lintText(t, c.text)
			if len(only(fs, "load")) > 0 {
				t.Fatalf("rule did not load: %v", fs)
			}
			want(t, fs, "alert-storm", c.sev, c.line, c.substr)
		})
	}
}
