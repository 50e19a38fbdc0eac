package esfake

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"text/tabwriter"
)

var catColumns = []string{"health", "status", "index", "uuid", "pri", "rep", "docs.count", "docs.deleted", "store.size", "pri.store.size"}

// handleCatIndices serves GET /_cat/indices[/<pattern>], as JSON rows
// (format=json, every value a string as the real API returns) or a text
// table; store.size is the sum of the source sizes, in bytes with bytes=b.
func (s *Server) handleCatIndices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	ixs, he := s.resolve(pathArg(r, 2), optsFrom(r, resolveOpts{allowNoIndices: true, hidden: true}))
	var rows []map[string]string
	for _, ix := range ixs {
		rows = append(rows, catRow(ix, q.Get("bytes")))
	}
	s.mu.Unlock()
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	cols := catColumns
	if h := q.Get("h"); h != "" {
		cols = strings.Split(h, ",")
	}
	if q.Get("format") == "json" {
		out := make([]map[string]string, 0, len(rows))
		for _, row := range rows {
			sel := map[string]string{}
			for _, c := range cols {
				sel[c] = row[c]
			}
			out = append(out, sel)
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	tw := tabwriter.NewWriter(w, 0, 1, 1, ' ', 0)
	if q.Has("v") {
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
	}
	for _, row := range rows {
		vals := make([]string, len(cols))
		for i, c := range cols {
			vals[i] = row[c]
		}
		fmt.Fprintln(tw, strings.Join(vals, "\t"))
	}
	_ = tw.Flush()
}

func catRow(ix *index, unit string) map[string]string {
	size := 0
	for _, d := range ix.docs {
		size += len(d.source)
	}
	health := "green"
	if ix.replicas() != "0" {
		health = "yellow"
	}
	return map[string]string{
		"health": health, "status": "open", "index": ix.name, "uuid": ix.uuid,
		"pri": ix.shards(), "rep": ix.replicas(), "docs.count": strconv.Itoa(len(ix.docs)), "docs.deleted": "0",
		"store.size": formatBytes(size, unit), "pri.store.size": formatBytes(size, unit),
		"dataset.size": formatBytes(size, unit),
	}
}

// formatBytes renders a size as the cat APIs do: a bare number with
// bytes=b, else a human unit.
func formatBytes(n int, unit string) string {
	switch unit {
	case "b":
		return strconv.Itoa(n)
	case "kb":
		return strconv.Itoa(n / 1024)
	case "mb":
		return strconv.Itoa(n / (1 << 20))
	}
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1fmb", float64(n)/(1<<20))
	case n >= 1024:
		return fmt.Sprintf("%.1fkb", float64(n)/1024)
	}
	return fmt.Sprintf("%db", n)
}
