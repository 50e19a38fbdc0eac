package lint

import "testing"

func TestThresholdReach(t *testing.T) {
	cases := []struct {
		name   string
		over   map[string]string
		sev    Severity
		substr string
	}{
		{"more than 100", nil, "", ""},
		{"more than 0 means any event", map[string]string{"threshold": "0"}, "", ""},
		{"more than -1 always fires", map[string]string{"threshold": "-1"}, SeverityError, "always firing"},
		{"at least 0 always fires", map[string]string{"comparison": "GreaterThanOrEqualToThreshold", "threshold": "0"}, SeverityError, "always firing"},
		{"less than 0 never fires", map[string]string{"comparison": "LessThanThreshold", "threshold": "0"}, SeverityError, "never fire"},
		{"less than 1 event never fires without breaching", map[string]string{"comparison": "LessThanThreshold", "threshold": "1"}, SeverityError, "below 1"},
		{"less than 1 event with breaching", map[string]string{"comparison": "LessThanThreshold", "threshold": "1", "treat_missing_data": "breaching"}, "", ""},
		{"less than 5 events", map[string]string{"comparison": "LessThanThreshold", "threshold": "5"}, "", ""},
		{"internal counter below 0", map[string]string{"metric": "\n  internal: input_errors_total\n  statistic: sum", "comparison": "LessThanOrEqualToThreshold", "threshold": "-1"}, SeverityError, "below 0"},
		{"internal counter at most 0", map[string]string{"metric": "\n  internal: input_errors_total\n  statistic: sum", "comparison": "LessThanOrEqualToThreshold", "threshold": "0"}, "", ""},
		{"field values may be negative", map[string]string{"metric": "\n  query: x\n  field: delta\n  statistic: sum", "threshold": "-1"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want(t, lintText(t, alarmYAML(c.over)), "threshold-reach", c.sev, 8, c.substr)
		})
	}
}
