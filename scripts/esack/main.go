// Command esack serves internal/testkit/esack, the acknowledge-only
// Elasticsearch bulk endpoint, on a loopback port for scripts/bench-es.sh:
// logstack's Elasticsearch store writes to it and it answers every bulk
// item 201 without storing anything, so the benchmark measures logstack.
// It is a benchmark tool, not part of the product. GET /_esack/stats
// answers {"bulk_requests":N,"items":N}.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"

	"github.com/logstack/logstack/internal/testkit/esack"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:29420", "listen address (use loopback)")
	flag.Parse()
	s := esack.New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_esack/stats", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, `{"bulk_requests":%d,"items":%d}`, s.BulkRequests(), s.Items())
	})
	mux.Handle("/", s)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
