package lint

import "testing"

func TestMissingData(t *testing.T) {
	cases := []struct {
		name   string
		over   map[string]string
		sev    Severity
		line   int
		substr string
	}{
		{"notBreaching on too many", nil, "", 0, ""},
		{"default missing on too many", map[string]string{"treat_missing_data": ""}, SeverityWarning, 3, "INSUFFICIENT_DATA"},
		{"explicit missing", map[string]string{"treat_missing_data": "missing"}, SeverityWarning, 9, "INSUFFICIENT_DATA"},
		{"breaching on too many", map[string]string{"treat_missing_data": "breaching"}, SeverityError, 9, "nothing happens"},
		{"too few without breaching", map[string]string{"comparison": "LessThanThreshold", "threshold": "10"}, SeverityWarning, 9, "complete stop"},
		{"too few with breaching", map[string]string{"comparison": "LessThanThreshold", "threshold": "10", "treat_missing_data": "breaching"}, "", 0, ""},
		{"field metric is not a count", map[string]string{"metric": "\n  query: x\n  field: bytes\n  statistic: sum", "treat_missing_data": ""}, "", 0, ""},
		{"internal metric", map[string]string{"metric": "\n  internal: queue_depth\n  statistic: maximum", "treat_missing_data": ""}, "", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want(t, lintText(t, alarmYAML(c.over)), "missing-data", c.sev, c.line, c.substr)
		})
	}
}
