package query

// Node is a parsed query. The store backends translate it (DuckDB SQL,
// Elasticsearch query DSL), so the AST is the contract between the parser and
// every backend: keep it small and its meaning exact.
type Node interface{ node() }

// MatchAll matches every event: the empty query, "*" and "*:*".
type MatchAll struct{}

// And matches when every child matches.
type And struct{ Nodes []Node }

// Or matches when at least one child matches.
type Or struct{ Nodes []Node }

// Not matches when its child does not.
type Not struct{ Node Node }

// TermKind says how a Term's value is compared.
type TermKind int

const (
	// Word is a single value: a whole word (case-insensitive) on a text
	// field, exact equality on any other field.
	Word TermKind = iota
	// Phrase is a quoted value: consecutive words (case-insensitive) on a
	// text field, exact equality on any other field.
	Phrase
	// Wildcard is a value with unescaped * (any run of characters) or ?
	// (one character). In Value, literal '*', '?' and '\' are escaped
	// with a backslash; nothing else is.
	Wildcard
)

// DefaultField is the Field of a bare term ("error", "\"disk full\""):
// backends match it as words in the message field.
const DefaultField = ""

// Term compares one field with one value. Value is unescaped except for
// Wildcard terms (see Wildcard).
type Term struct {
	Field string
	Value string
	Kind  TermKind
}

// Range bounds a field: field:[a TO b], field:{a TO b}, field:>=a and the
// like. An unset bound (HasLower/HasUpper false) is open. Backends compare
// numerically when both the bound and the value are numbers, as instants on
// timestamp fields, and as strings otherwise.
type Range struct {
	Field                      string
	Lower, Upper               string
	HasLower, HasUpper         bool
	IncludeLower, IncludeUpper bool
}

// Exists matches events that have a non-null value at Field (_exists_:field).
type Exists struct{ Field string }

func (MatchAll) node() {}
func (And) node()      {}
func (Or) node()       {}
func (Not) node()      {}
func (Term) node()     {}
func (Range) node()    {}
func (Exists) node()   {}

// Deref returns the value form of a node given by pointer (&Term{...}),
// which backends accept as well as values, so that their type switches
// name each kind once. Other nodes, nil included, come back unchanged; a
// nil *MatchAll is MatchAll{}.
func Deref(n Node) Node {
	switch n := n.(type) {
	case *MatchAll:
		return MatchAll{}
	case *And:
		return *n
	case *Or:
		return *n
	case *Not:
		return *n
	case *Term:
		return *n
	case *Range:
		return *n
	case *Exists:
		return *n
	}
	return n
}
