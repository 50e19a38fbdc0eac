package elb

import (
	"fmt"
	"slices"
	"strings"
)

// node is one key of the event tree: a leaf naming a slot, or an object
// whose children are sorted by key, the order event.AppendJSON writes.
type node struct {
	name string
	key  string // `"name":`, ready to append
	id   fieldID
	kids []node // nil for a leaf; values, not pointers, for locality
	// under is the set of leaves below an object, so an object with none
	// present is skipped without visiting it.
	under mask
}

// eventTree is the root object of every event, built once from fieldPaths.
var eventTree = buildTree()

func buildTree() *node {
	root := &node{kids: []node{}}
	for id, path := range fieldPaths {
		if path == "" {
			panic(fmt.Sprintf("elb: field %d has no path", id))
		}
		addLeaf(root, strings.Split(path, "."), fieldID(id))
	}
	sortTree(root)
	return root
}

// addLeaf places id at the path parts below n, creating objects on the way.
func addLeaf(n *node, parts []string, id fieldID) {
	n.under.add(id)
	var child *node
	for i := range n.kids {
		if n.kids[i].name == parts[0] {
			child = &n.kids[i]
		}
	}
	if len(parts) == 1 {
		if child != nil {
			panic("elb: field path " + fieldPaths[id] + " is given twice or is also an object")
		}
		n.kids = append(n.kids, node{name: parts[0], key: `"` + parts[0] + `":`, id: id})
		return
	}
	if child == nil {
		n.kids = append(n.kids, node{name: parts[0], key: `"` + parts[0] + `":`, kids: []node{}})
		child = &n.kids[len(n.kids)-1]
	} else if child.kids == nil {
		panic("elb: field path " + fieldPaths[id] + " goes through a leaf")
	}
	addLeaf(child, parts[1:], id)
}

func sortTree(n *node) {
	slices.SortFunc(n.kids, func(a, b node) int { return strings.Compare(a.name, b.name) })
	for i := range n.kids {
		if n.kids[i].kids != nil {
			sortTree(&n.kids[i])
		}
	}
}
