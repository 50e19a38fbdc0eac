package lint

import "testing"

func TestCountStatistic(t *testing.T) {
	cases := []struct {
		name   string
		over   map[string]string
		sev    Severity
		substr string
	}{
		{"sum is fine", nil, "", ""},
		{"sample_count is fine", map[string]string{"metric": "\n  query: x\n  statistic: sample_count"}, "", ""},
		{"maximum never reaches 100", map[string]string{"metric": "\n  query: x\n  statistic: Maximum"}, SeverityError, "never"},
		{"p99 never reaches 100", map[string]string{"metric": "\n  query: x\n  statistic: p99"}, SeverityError, "p99"},
		{"average above 0 fires on one event", map[string]string{"metric": "\n  query: x\n  statistic: average", "threshold": "0"}, SeverityWarning, "single event"},
		{"field values are not counts", map[string]string{"metric": "\n  query: x\n  field: latency\n  statistic: maximum"}, "", ""},
		{"internal counter", map[string]string{"metric": "\n  internal: input_errors_total\n  statistic: maximum"}, SeverityWarning, "input_errors_total"},
		{"internal gauge", map[string]string{"metric": "\n  internal: queue_depth\n  statistic: maximum"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want(t, lintText(t, alarmYAML(c.over)), "count-statistic", c.sev, 4, c.substr)
		})
	}
}

func TestHealthAverage(t *testing.T) {
	cases := []struct {
		name   string
		over   map[string]string
		sev    Severity
		substr string
	}{
		{"average healthy hosts", map[string]string{"metric": "\n  query: x\n  field: aws.elb.healthy_host_count\n  statistic: average", "comparison": "LessThanThreshold", "threshold": "2"}, SeverityWarning, "flaps"},
		{"minimum healthy hosts", map[string]string{"metric": "\n  query: x\n  field: healthy_hosts\n  statistic: minimum", "comparison": "LessThanThreshold", "threshold": "2"}, "", ""},
		{"average latency", map[string]string{"metric": "\n  query: x\n  field: latency\n  statistic: average"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want(t, lintText(t, alarmYAML(c.over)), "health-average", c.sev, 5, c.substr)
		})
	}
}

func TestHealthAverageSuggestsByDirection(t *testing.T) {
	low := only(lintText(t, alarmYAML(map[string]string{"metric": "\n  internal: healthy_hosts\n  statistic: average", "comparison": "LessThanThreshold", "threshold": "2"})), "health-average")
	high := only(lintText(t, alarmYAML(map[string]string{"metric": "\n  internal: unhealthy_hosts\n  statistic: average", "threshold": "0"})), "health-average")
	if len(low) != 1 || len(high) != 1 {
		t.Fatalf("low %v high %v", low, high)
	}
	if low[0].Fix[:18] != "statistic: minimum" || high[0].Fix[:18] != "statistic: maximum" {
		t.Fatalf("fixes: %q / %q", low[0].Fix, high[0].Fix)
	}
}
