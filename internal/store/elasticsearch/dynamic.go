package elasticsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/logstack/logstack/internal/query"
)

// mappingTTL is how long the dynamic field types read from the cluster are
// trusted; a search failing on a type mismatch refreshes them at once.
const mappingTTL = 30 * time.Second

// dynamicTypes caches the types the cluster gave fields that the template
// does not map (numbers, booleans, strings of arbitrary events), so that a
// term on them follows the DuckDB store's semantics: a word on a number
// field matches nothing instead of failing the whole search.
type dynamicTypes struct {
	mu      sync.Mutex
	types   map[string]string
	fetched time.Time
}

// typesFor returns the explicit field types merged with the dynamic ones
// when the query needs them (it names a field the template does not map).
func (s *Store) typesFor(ctx context.Context, fields []string, force bool) (map[string]string, error) {
	unmapped := false
	for _, f := range fields {
		if _, ok := s.types[f]; !ok && f != query.DefaultField {
			unmapped = true
		}
	}
	if !unmapped {
		return s.types, nil
	}
	dyn, err := s.dynamic(ctx, force)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(dyn)
	maps.Copy(out, s.types)
	return out, nil
}

// dynamic returns the cached dynamic types, reading the mappings of every
// index of the store when the cache is stale or force is set.
func (s *Store) dynamic(ctx context.Context, force bool) (map[string]string, error) {
	d := &s.dyn
	d.mu.Lock()
	defer d.mu.Unlock()
	if !force && d.types != nil && time.Since(d.fetched) < mappingTTL {
		return d.types, nil
	}
	resp, err := s.c.do(ctx, "GET", "/"+s.glob+"/_mapping?ignore_unavailable=true&allow_no_indices=true", nil, http.StatusNotFound)
	if err != nil {
		return nil, fmt.Errorf("read mappings: %w", err)
	}
	types := map[string]string{}
	if resp.status != http.StatusNotFound {
		var byIndex map[string]struct {
			Mappings struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"mappings"`
		}
		if err := json.Unmarshal(resp.body, &byIndex); err != nil {
			return nil, fmt.Errorf("read mappings: %w", err)
		}
		for _, ix := range byIndex {
			collectTypes(types, "", ix.Mappings.Properties)
		}
	}
	d.types, d.fetched = types, time.Now()
	return types, nil
}

// typeMixed marks a field whose type differs between indices; it is
// queried as if unmapped.
const typeMixed = "mixed"

// collectTypes walks a properties object, recording each leaf's type
// (normalized to the store's types) under its dotted path.
func collectTypes(out map[string]string, prefix string, props map[string]json.RawMessage) {
	for name, raw := range props {
		var f struct {
			Type       string                     `json:"type"`
			Properties map[string]json.RawMessage `json:"properties"`
		}
		if json.Unmarshal(raw, &f) != nil {
			continue
		}
		path := prefix + name
		if f.Properties != nil {
			collectTypes(out, path+".", f.Properties)
			continue
		}
		typ := normalizeType(f.Type)
		if prev, ok := out[path]; ok && prev != typ {
			typ = typeMixed
		}
		out[path] = typ
	}
}

// normalizeType maps Elasticsearch field types to the store's.
func normalizeType(t string) string {
	switch t {
	case "long", "integer", "short", "byte", "unsigned_long":
		return typeLong
	case "double", "float", "half_float", "scaled_float":
		return typeDouble
	case "text", "match_only_text":
		return typeText
	case "keyword", "constant_keyword", "wildcard":
		return typeKeyword
	case "date", "date_nanos":
		return typeDate
	case typeIP, typeBoolean:
		return t
	}
	return typeMixed
}

// queryFields lists the fields a query names, for deciding whether the
// dynamic types are needed.
func queryFields(n query.Node, out []string) []string {
	switch n := n.(type) {
	case query.And:
		for _, c := range n.Nodes {
			out = queryFields(c, out)
		}
	case *query.And:
		for _, c := range n.Nodes {
			out = queryFields(c, out)
		}
	case query.Or:
		for _, c := range n.Nodes {
			out = queryFields(c, out)
		}
	case *query.Or:
		for _, c := range n.Nodes {
			out = queryFields(c, out)
		}
	case query.Not:
		out = queryFields(n.Node, out)
	case *query.Not:
		out = queryFields(n.Node, out)
	case query.Term:
		out = append(out, n.Field)
	case *query.Term:
		out = append(out, n.Field)
	case query.Range:
		out = append(out, n.Field)
	case *query.Range:
		out = append(out, n.Field)
	}
	return out
}

// isTypeMismatch reports whether a search error is the cluster refusing a
// value for a field's type, which fresh dynamic types may avoid.
func isTypeMismatch(err error) bool {
	return err != nil && strings.Contains(err.Error(), "query_shard_exception")
}
