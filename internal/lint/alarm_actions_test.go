package lint

import "testing"

func TestOKActions(t *testing.T) {
	cases := []struct {
		name   string
		over   map[string]string
		sev    Severity
		line   int
		substr string
	}{
		{"both lists", nil, "", 0, ""},
		{"no ok_actions", map[string]string{"ok_actions": ""}, SeverityWarning, 10, "resolves"},
		{"no actions at all", map[string]string{"ok_actions": "", "alarm_actions": ""}, SeverityWarning, 1, "no actions"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want(t, lintText(t, alarmYAML(c.over)), "ok-actions", c.sev, c.line, c.substr)
		})
	}
}
