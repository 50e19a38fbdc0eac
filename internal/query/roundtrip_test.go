package query

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// queryGen writes random syntactically plausible queries, to reach deep and
// mixed structures that byte-level fuzzing rarely builds.
type queryGen struct {
	rnd *rand.Rand
	b   strings.Builder
}

var genLeaves = []string{
	"a", "b", "err*", `"x y"`, "f:v", "f:-1", `g:"p q"`, "n:[1 TO 5}", "n:>=3",
	"_exists_:h", "*", "f:*", `\AND`, "日本", "t:?x", "n:{* TO 9]",
}

var genOps = []string{" AND ", " OR ", " ", " && ", " || ", " -", " +", " NOT ", " !"}

func (g *queryGen) expr(depth int) {
	if depth <= 0 || g.rnd.IntN(4) == 0 {
		g.b.WriteString(genLeaves[g.rnd.IntN(len(genLeaves))])
		return
	}
	switch g.rnd.IntN(4) {
	case 0:
		g.b.WriteString([]string{"-", "+", "NOT ", "!"}[g.rnd.IntN(4)])
		g.expr(depth - 1)
	case 1:
		g.b.WriteString([]string{"(", "f:(", "-(", "+("}[g.rnd.IntN(4)])
		g.expr(depth - 1)
		g.b.WriteString(")")
	default:
		for i := g.rnd.IntN(3) + 1; i >= 0; i-- {
			g.expr(depth - 1)
			if i > 0 {
				g.b.WriteString(genOps[g.rnd.IntN(len(genOps))])
			}
		}
	}
}

// chain nests n groups, each mixing a random operator with the next.
func (g *queryGen) chain(n int) {
	for range n {
		g.expr(1)
		g.b.WriteString(genOps[g.rnd.IntN(len(genOps))] + "(")
	}
	g.expr(2)
	g.b.WriteString(strings.Repeat(")", n))
}

// TestRoundTripGenerated checks Parse(String(n)) == n on generated queries,
// including queries at and just beyond MaxDepth.
func TestRoundTripGenerated(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	var deepOK, rejected int
	for i := range 3000 {
		g := &queryGen{rnd: rnd}
		deep := i%3 == 0
		if deep {
			g.chain(MaxDepth + 1 - rnd.IntN(30))
		} else {
			g.expr(6)
		}
		q := g.b.String()
		n, err := Parse(q)
		if err != nil {
			rejected++
			if !strings.Contains(err.Error(), "nest") {
				t.Fatalf("Parse(%q): %v", q, err)
			}
			continue
		}
		if deep {
			deepOK++
		}
		s := String(n)
		again, err := Parse(s)
		if err != nil || !reflect.DeepEqual(again, n) {
			t.Fatalf("round trip of %q via %q: %v\n got: %#v\nwant: %#v", q, s, err, again, n)
		}
	}
	if deepOK == 0 || rejected == 0 {
		t.Errorf("generated %d deep parsable and %d too deep queries; want both kinds", deepOK, rejected)
	}
}
