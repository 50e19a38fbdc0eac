package esfake

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// dataStream is a data stream and its backing indices, oldest first; the
// last is the write index.
type dataStream struct {
	name     string
	template string
	indices  []string
}

func (d *dataStream) writeIndex() string { return d.indices[len(d.indices)-1] }

// createDataStream creates name from its matching data-stream template,
// with one backing index .ds-<name>-<yyyy.MM.dd>-000001. The caller holds
// s.mu.
func (s *Server) createDataStream(name string) (*dataStream, *esError) {
	if err := validIndexName(name); err != nil {
		return nil, err
	}
	if _, ok := s.dataStreams[name]; ok {
		return nil, newErr("resource_already_exists_exception", "data_stream [%s] already exists", name)
	}
	if _, ok := s.indices[name]; ok {
		return nil, newErr("resource_already_exists_exception", "index [%s] already exists", name)
	}
	t := s.matchingComposable(name)
	if t == nil || !t.dataStream {
		return nil, newErr("illegal_argument_exception", "no matching index template found for data stream [%s]", name)
	}
	ds := &dataStream{name: name, template: t.name}
	s.dataStreams[name] = ds
	s.addBackingIndex(ds)
	return ds, nil
}

// addBackingIndex creates the next generation's backing index, named
// .ds-<name>-<yyyy.MM.dd>-<generation> (Elasticsearch 7.11 and later) or
// .ds-<name>-<generation> (earlier, and OpenSearch), mapped by the data
// stream's template with @timestamp a date. The caller holds s.mu.
func (s *Server) addBackingIndex(ds *dataStream) string {
	gen := len(ds.indices) + 1
	backing := fmt.Sprintf(".ds-%s-%06d", ds.name, gen)
	if !s.ver.openSearch && s.ver.atLeast(7, 11) {
		backing = fmt.Sprintf(".ds-%s-%s-%06d", ds.name, time.Now().UTC().Format("2006.01.02"), gen)
	}
	settings, m := s.templateFor(ds.name)
	if m.fields["@timestamp"] == nil {
		m.fields["@timestamp"] = &fieldType{Type: "date"}
	}
	s.indices[backing] = &index{name: backing, uuid: newUUID(), created: time.Now(), settings: settings, mapping: m,
		docs: map[string]*document{}, dataStream: ds.name}
	ds.indices = append(ds.indices, backing)
	return backing
}

// handleRollover serves POST /<data stream>/_rollover: a new write index.
// Aliases and conditions are not implemented.
func (s *Server) handleRollover(w http.ResponseWriter, r *http.Request) {
	name := pathArg(r, 0)
	s.mu.Lock()
	defer s.mu.Unlock()
	ds, ok := s.dataStreams[name]
	if !ok {
		writeError(w, http.StatusBadRequest, newErr("illegal_argument_exception",
			"esfake: rollover target [%s] is not a data stream (aliases are not implemented)", name))
		return
	}
	old := ds.writeIndex()
	next := s.addBackingIndex(ds)
	writeJSON(w, http.StatusOK, map[string]any{"acknowledged": true, "shards_acknowledged": true,
		"old_index": old, "new_index": next, "rolled_over": true, "dry_run": false, "conditions": map[string]any{}})
}

// dropBackingIndex removes a deleted backing index from its data stream.
// The caller holds s.mu.
func (s *Server) dropBackingIndex(ix *index) {
	ds := s.dataStreams[ix.dataStream]
	if ds == nil {
		return
	}
	for i, n := range ds.indices {
		if n == ix.name {
			ds.indices = append(ds.indices[:i:i], ds.indices[i+1:]...)
			return
		}
	}
}

// handleDataStream serves PUT/GET/DELETE /_data_stream[/<name>].
func (s *Server) handleDataStream(w http.ResponseWriter, r *http.Request) {
	name := pathArg(r, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Method {
	case http.MethodPut:
		if _, err := s.createDataStream(name); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		writeJSON(w, http.StatusOK, acknowledged())
	case http.MethodGet:
		s.getDataStreams(w, name)
	case http.MethodDelete:
		ds, ok := s.dataStreams[name]
		if !ok {
			writeHTTPError(w, indexNotFound(name))
			return
		}
		for _, b := range ds.indices {
			delete(s.indices, b)
		}
		delete(s.dataStreams, name)
		writeJSON(w, http.StatusOK, acknowledged())
	}
}

func (s *Server) getDataStreams(w http.ResponseWriter, name string) {
	list := []any{}
	for _, n := range sortedKeys(s.dataStreams) {
		if name != "" && name != "_all" && !matchesAny(strings.Split(name, ","), n) {
			continue
		}
		ds := s.dataStreams[n]
		var backing []any
		for _, b := range ds.indices {
			backing = append(backing, map[string]any{"index_name": b, "index_uuid": s.indices[b].uuid})
		}
		list = append(list, map[string]any{
			"name": n, "timestamp_field": map[string]any{"name": "@timestamp"}, "indices": backing,
			"generation": len(ds.indices), "status": "GREEN", "template": ds.template, "hidden": false, "system": false,
		})
	}
	if len(list) == 0 && name != "" && !strings.Contains(name, "*") && name != "_all" {
		writeHTTPError(w, indexNotFound(name))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data_streams": list})
}
