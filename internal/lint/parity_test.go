package lint

import (
	"testing"

	"github.com/logstack/logstack/internal/alarm"
)

// parsed loads an alarm from base with overrides.
func parsed(t *testing.T, file string, over map[string]string) *alarm.Alarm {
	t.Helper()
	a, err := alarm.Parse(file, []byte(alarmYAML(over)))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDiff(t *testing.T) {
	other := map[string]string{"name": "latency"}
	cases := []struct {
		name  string
		left  []*alarm.Alarm
		right []*alarm.Alarm
		exc   []Exception
		want  []Difference
	}{
		{"same alarms", []*alarm.Alarm{parsed(t, "s.yaml", nil)}, []*alarm.Alarm{parsed(t, "p.yaml", nil)}, nil, nil},
		{"actions may differ", []*alarm.Alarm{parsed(t, "s.yaml", nil)}, []*alarm.Alarm{parsed(t, "p.yaml", map[string]string{"alarm_actions": "[pager]"})}, nil, nil},
		{"threshold differs",
			[]*alarm.Alarm{parsed(t, "s.yaml", nil)}, []*alarm.Alarm{parsed(t, "p.yaml", map[string]string{"threshold": "500"})}, nil,
			[]Difference{{Name: "errors", Field: "threshold", Left: "100", Right: "500"}}},
		{"missing in production",
			[]*alarm.Alarm{parsed(t, "s.yaml", nil), parsed(t, "l.yaml", other)}, []*alarm.Alarm{parsed(t, "p.yaml", nil)}, nil,
			[]Difference{{Name: "latency", Field: "presence", Left: "l.yaml", Right: "absent in production"}}},
		{"excused in production",
			[]*alarm.Alarm{parsed(t, "s.yaml", nil), parsed(t, "l.yaml", other)}, []*alarm.Alarm{parsed(t, "p.yaml", nil)},
			[]Exception{{Env: "production", Name: "latency", Reason: "staging only"}}, nil},
		{"exception for another env does not apply",
			[]*alarm.Alarm{parsed(t, "s.yaml", nil), parsed(t, "l.yaml", other)}, []*alarm.Alarm{parsed(t, "p.yaml", nil)},
			[]Exception{{Env: "dev", Name: "latency", Reason: "dev only"}},
			[]Difference{{Name: "latency", Field: "presence", Left: "l.yaml", Right: "absent in production"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Diff(Env{Name: "staging", Alarms: c.left}, Env{Name: "production", Alarms: c.right}, c.exc)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}
