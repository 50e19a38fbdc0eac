package duckdb

import (
	"fmt"
	"testing"
)

func TestZZPrintSQL(t *testing.T) {
	tr := &translator{sch: newSchema(DefaultColumns), now: testNow}
	w, err := tr.where(parse(t, `"connection refused"`))
	fmt.Println(w, err)
	for i, a := range tr.args {
		fmt.Printf("$%d = %#v\n", i+1, a)
	}
}
