package alarm

import (
	"strings"
	"testing"
	"time"
)

// base is the first period of test windows: 4 Dec 2026 10:00 UTC.
var base = time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)

// testAlarm is an alarm on "value > 1" with period 5m, as in the user
// guide's examples.
func testAlarm(n, m int, treat TreatMissing) *Alarm {
	st, _ := ParseStatistic("sum")
	return &Alarm{
		Name: "t", Metric: Metric{Query: "*", Statistic: st},
		Period: 5 * time.Minute, EvaluationPeriods: n, DatapointsToAlarm: m,
		Comparison: GreaterThanThreshold, Threshold: 1, TreatMissingData: treat, Enabled: true,
		AlarmActions: []string{"page"}, OKActions: []string{"chat"}, InsufficientDataActions: []string{"ticket"},
	}
}

// pattern turns the user guide's notation into a window, oldest first:
// "0" is a good datapoint, "X" a breaching one, "-" a missing one.
func pattern(t *testing.T, s string) []Point {
	t.Helper()
	var out []Point
	for i, f := range strings.Fields(s) {
		p := Point{Start: base.Add(time.Duration(i) * 5 * time.Minute)}
		switch f {
		case "0":
			p.Value, p.Present = 0, true
		case "X":
			p.Value, p.Present = 5, true
		case "-":
		default:
			t.Fatalf("bad pattern %q", s)
		}
		out = append(out, p)
	}
	return out
}

// retain marks the guide's "Retain current state".
const retain State = "retain"

// TestCloudWatchMissingDataTables reproduces the tables of "How alarm state
// is evaluated when data is missing" in the CloudWatch user guide
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html,
// source awsdocs/amazon-cloudwatch-user-guide doc_source/AlarmThatSendsEmail.md).
// Evaluation range 5, evaluation periods 3. Rows marked "earlier edition"
// are from the previous edition of the same tables, kept because the
// current rules still produce them.
func TestCloudWatchMissingDataTables(t *testing.T) {
	type row struct {
		m                                  int
		points                             string
		missing, ignore, breach, notBreach State
	}
	const (
		ok   = StateOK
		alrm = StateAlarm
		insf = StateInsufficientData
	)
	rows := []row{
		// First table: 3 out of 3.
		{3, "0 - X - X", ok, ok, ok, ok},
		{3, "0 - - - -", ok, ok, ok, ok},
		{3, "- - - - -", insf, retain, alrm, ok},
		{3, "0 X X - X", alrm, alrm, alrm, alrm},
		{3, "- - X - -", alrm, retain, alrm, ok}, // premature alarm rule
		{3, "- - - - X", insf, retain, alrm, ok}, // earlier edition
		{3, "X - - - -", alrm, retain, alrm, ok}, // earlier edition
		// Second table: 2 out of 3.
		{2, "0 - X - X", alrm, alrm, alrm, alrm},
		{2, "0 0 X 0 X", alrm, alrm, alrm, alrm},
		{2, "0 - X - -", ok, ok, alrm, ok},
		{2, "- - - - 0", ok, ok, alrm, ok},
		{2, "- - - X -", alrm, retain, alrm, ok}, // premature alarm rule
		{2, "- - - - X", insf, retain, alrm, ok}, // earlier edition
	}
	treatments := []TreatMissing{TreatMissingMissing, TreatMissingIgnore, TreatMissingBreaching, TreatMissingNotBreaching}
	for _, r := range rows {
		want := []State{r.missing, r.ignore, r.breach, r.notBreach}
		for i, treat := range treatments {
			a := testAlarm(3, r.m, treat)
			if a.EvaluationRange() != 5 {
				t.Fatalf("evaluation range = %d, want 5 as in the guide", a.EvaluationRange())
			}
			for _, current := range []State{StateOK, StateAlarm, StateInsufficientData} {
				res := Evaluate(a, pattern(t, r.points), current)
				got := res.State
				if res.Retained {
					if res.State != current {
						t.Errorf("%d of 3 %q %s from %s: retained but state %s", r.m, r.points, treat, current, res.State)
					}
					got = retain
				}
				if got != want[i] {
					t.Errorf("%d of 3 %q %s from %s: got %s, want %s (%s)", r.m, r.points, treat, current, got, want[i], res.Reason)
				}
				if res.Reason == "" {
					t.Errorf("%d of 3 %q %s: empty reason", r.m, r.points, treat)
				}
			}
		}
	}
}

// The second row of the guide's first table: "The next time this alarm is
// evaluated, if the data is still missing it will go to ALARM, as that
// non-breaching data point will no longer be in the evaluation range."
func TestGoodPointLeavesTheRange(t *testing.T) {
	a := testAlarm(3, 3, TreatMissingBreaching)
	if got := Evaluate(a, pattern(t, "0 - - - -"), StateOK).State; got != StateOK {
		t.Fatalf("0 - - - -: got %s, want OK", got)
	}
	if got := Evaluate(a, pattern(t, "0 - - - - -"), StateOK).State; got != StateAlarm {
		t.Fatalf("one period later: got %s, want ALARM", got)
	}
}

func TestMOutOfN(t *testing.T) {
	f := func(n, m int, points string, want State) {
		t.Helper()
		a := testAlarm(n, m, TreatMissingMissing)
		if got := Evaluate(a, pattern(t, points), StateInsufficientData); got.State != want {
			t.Errorf("%d of %d %q: got %s, want %s (%s)", m, n, points, got.State, want, got.Reason)
		}
	}
	f(5, 3, "0 0 X 0 X 0 X", StateAlarm) // 3 breaching among the last 5
	f(5, 3, "X 0 X 0 0 0 X", StateOK)    // the oldest X is outside N
	f(5, 5, "X X X X X X 0", StateOK)
	f(5, 5, "0 0 X X X X X", StateAlarm)
	f(1, 1, "0 0 X", StateAlarm)
	f(1, 1, "X X 0", StateOK)
	f(4, 2, "X X 0 0 0 0", StateOK)
	// Real datapoints older than N periods are used when some are missing,
	// "no matter when they were reported", within the range.
	f(3, 3, "X - X X", StateAlarm)
}

func TestEachComparison(t *testing.T) {
	f := func(c Comparison, value float64, want bool) {
		t.Helper()
		if got := c.Breaches(value, 10); got != want {
			t.Errorf("%s: %v vs 10 = %v, want %v", c, value, got, want)
		}
	}
	f(GreaterThanThreshold, 11, true)
	f(GreaterThanThreshold, 10, false)
	f(GreaterThanOrEqualToThreshold, 10, true)
	f(GreaterThanOrEqualToThreshold, 9.99, false)
	f(LessThanThreshold, 9, true)
	f(LessThanThreshold, 10, false)
	f(LessThanOrEqualToThreshold, 10, true)
	f(LessThanOrEqualToThreshold, 10.01, false)
	f(Comparison("Bogus"), 10, false)
}

func TestComparisonDrivesEvaluation(t *testing.T) {
	a := testAlarm(1, 1, TreatMissingMissing)
	a.Comparison, a.Threshold = LessThanThreshold, 3
	got := Evaluate(a, []Point{{Start: base, Value: 2, Present: true}}, StateOK)
	if got.State != StateAlarm || !strings.Contains(got.Reason, "were less than the threshold (3.0)") && !strings.Contains(got.Reason, "was less than the threshold (3.0)") {
		t.Fatalf("got %s %q", got.State, got.Reason)
	}
}

func TestReasonLikeCloudWatch(t *testing.T) {
	a := testAlarm(3, 3, TreatMissingMissing)
	a.Period = time.Minute
	w := []Point{
		{Start: base, Value: 5, Present: true},
		{Start: base.Add(time.Minute), Value: 4, Present: true},
		{Start: base.Add(2 * time.Minute), Value: 2.5, Present: true},
	}
	got := Evaluate(a, w, StateOK)
	want := "Threshold Crossed: 3 out of the last 3 datapoints [2.5 (04/12/26 10:02:00), 4.0 (04/12/26 10:01:00), 5.0 (04/12/26 10:00:00)] were greater than the threshold (1.0) (minimum 3 datapoints for OK -> ALARM transition)."
	if got.Reason != want {
		t.Fatalf("reason\n got %s\nwant %s", got.Reason, want)
	}
	back := Evaluate(a, append(w[1:], Point{Start: base.Add(3 * time.Minute), Value: 0, Present: true}), StateAlarm)
	want = "Threshold Crossed: 1 out of the last 3 datapoints [0.0 (04/12/26 10:03:00), 2.5 (04/12/26 10:02:00), 4.0 (04/12/26 10:01:00)] was not greater than the threshold (1.0) (minimum 1 datapoint for ALARM -> OK transition)."
	if back.State != StateOK || back.Reason != want {
		t.Fatalf("reason\n got %s %s\nwant OK %s", back.State, back.Reason, want)
	}
	insuf := Evaluate(a, nil, StateOK)
	if insuf.Reason != "Insufficient Data: 3 datapoints were unknown." {
		t.Fatalf("insufficient reason %q", insuf.Reason)
	}
	filled := Evaluate(testAlarm(3, 3, TreatMissingBreaching), pattern(t, "- - - - X"), StateOK)
	if !strings.Contains(filled.Reason, "(2 missing datapoints treated as breaching)") {
		t.Fatalf("filled reason %q", filled.Reason)
	}
}

func TestFormatValue(t *testing.T) {
	f := func(v float64, want string) {
		t.Helper()
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%v) = %q, want %q", v, got, want)
		}
	}
	f(5, "5.0")
	f(-2, "-2.0")
	f(0.25, "0.25")
	f(1e20, "1e+20")
}
