package esfake

import (
	"net/http"
	"time"
)

// handleBulk serves POST /_bulk and /<index>/_bulk.
func (s *Server) handleBulk(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	body, he := readBody(r)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	defIndex := ""
	if segs := splitPath(r.URL.Path); len(segs) == 2 {
		defIndex = segs[0]
	}
	items, he := parseBulk(body, defIndex)
	if he != nil {
		writeHTTPError(w, he)
		return
	}
	results := make([]any, 0, len(items))
	errors := false
	for i := range items {
		res, failed := s.applyItem(&items[i])
		errors = errors || failed
		results = append(results, map[string]any{items[i].action: res})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"took": time.Since(start).Milliseconds(), "errors": errors, "items": results,
	})
}

// applyItem runs one bulk action and returns its response object and
// whether it failed.
func (s *Server) applyItem(it *bulkItem) (map[string]any, bool) {
	if it.id == "" && it.action != "delete" {
		it.id = newUUID()[:20]
	}
	if status, errType, reason := s.injectedItem(it.id); status != 0 {
		return s.itemError(it, status, newErr(errType, "%s", reason).with("index", it.index)), true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var status int
	var res map[string]any
	var err *esError
	switch it.action {
	case "create", "index":
		status, res, err = s.writeDoc(it)
	case "delete":
		status, res, err = s.deleteDoc(it)
	default:
		status, err = http.StatusBadRequest, newErr("illegal_argument_exception", "esfake: bulk action [%s] is not implemented", it.action)
	}
	if err != nil {
		return s.itemError(it, status, err), true
	}
	res["status"] = status
	return res, false
}

// injectedItem asks the FailItems hook about an item (outside the lock,
// so the hook may call the server).
func (s *Server) injectedItem(id string) (int, string, string) {
	s.mu.Lock()
	s.attempts[id]++
	attempt, f := s.attempts[id], s.failItems
	s.mu.Unlock()
	if f == nil {
		return 0, "", ""
	}
	return f(id, attempt)
}

func (s *Server) itemError(it *bulkItem, status int, err *esError) map[string]any {
	res := map[string]any{"_index": it.index, "_id": it.id, "status": status, "error": err.object()}
	if s.ver.types() {
		res["_type"] = "_doc"
	}
	return res
}

// writeDoc stores a create or index action. The caller holds s.mu.
func (s *Server) writeDoc(it *bulkItem) (int, map[string]any, *esError) {
	ix, err := s.writeTarget(it)
	if err != nil {
		return http.StatusBadRequest, nil, err
	}
	it.index = ix.name
	fields, grown, err := parseDocument(ix.mapping, it.id, it.source)
	if err != nil {
		if err.Type == "mapper_parsing_exception" && s.ver.documentParsingException() {
			err.Type = "document_parsing_exception"
		}
		return http.StatusBadRequest, nil, err.with("index", ix.name).with("index_uuid", ix.uuid)
	}
	if grown != nil && grown.fieldCount() > ix.fieldLimit() {
		return http.StatusBadRequest, nil, newErr("illegal_argument_exception",
			"Limit of total fields [%d] has been exceeded while adding new fields [%d]", ix.fieldLimit(), grown.fieldCount()-ix.mapping.fieldCount())
	}
	if ix.dataStream != "" && len(fields["@timestamp"]) == 0 {
		return http.StatusBadRequest, nil, newErr(s.docErrType(), "failed to parse").
			withCause(newErr("illegal_argument_exception", "data stream timestamp field [@timestamp] is missing"))
	}
	old := ix.docs[it.id]
	if old != nil && it.action == "create" {
		return http.StatusConflict, nil, newErr("version_conflict_engine_exception",
			"[%s]: version conflict, document already exists (current version [%d])", it.id, old.version).
			with("index_uuid", ix.uuid).with("shard", "0").with("index", ix.name)
	}
	if grown != nil {
		ix.mapping = grown
	}
	fields["_id"], fields["_index"] = []any{it.id}, []any{ix.name}
	s.seq++
	doc := &document{id: it.id, source: append([]byte(nil), it.source...), fields: fields, seqNo: s.seq, version: 1}
	status, result := http.StatusCreated, "created"
	if old != nil {
		doc.version, status, result = old.version+1, http.StatusOK, "updated"
	}
	ix.docs[it.id] = doc
	return status, s.itemResult(ix, it.id, doc.version, doc.seqNo, result), nil
}

// deleteDoc runs a delete action. The caller holds s.mu.
func (s *Server) deleteDoc(it *bulkItem) (int, map[string]any, *esError) {
	names := s.concrete(it.index)
	if len(names) == 0 {
		return http.StatusNotFound, s.itemResult(&index{name: it.index}, it.id, 1, 0, "not_found"), nil
	}
	ix := s.indices[names[len(names)-1]]
	s.seq++
	old := ix.docs[it.id]
	if old == nil {
		return http.StatusNotFound, s.itemResult(ix, it.id, 1, s.seq, "not_found"), nil
	}
	delete(ix.docs, it.id)
	return http.StatusOK, s.itemResult(ix, it.id, old.version+1, s.seq, "deleted"), nil
}

func (s *Server) itemResult(ix *index, id string, version, seqNo int64, result string) map[string]any {
	res := map[string]any{
		"_index": ix.name, "_id": id, "_version": version, "result": result,
		"_shards": map[string]any{"total": 1 + replicaCount(ix), "successful": 1, "failed": 0},
		"_seq_no": seqNo - 1, "_primary_term": 1,
	}
	if s.ver.types() {
		res["_type"] = "_doc"
	}
	return res
}

// writeTarget returns the index a write goes to: an existing index, the
// write index of a data stream (create only), a data stream created from
// its template, or an index created from the templates. The caller holds
// s.mu.
func (s *Server) writeTarget(it *bulkItem) (*index, *esError) {
	if ix, ok := s.indices[it.index]; ok {
		return ix, nil
	}
	if ds, ok := s.dataStreams[it.index]; ok {
		if it.action != "create" {
			return nil, newErr("illegal_argument_exception",
				"only write ops with an op_type of create are allowed in data streams")
		}
		return s.indices[ds.writeIndex()], nil
	}
	if t := s.matchingComposable(it.index); t != nil && t.dataStream && s.ver.dataStreams() {
		if it.action != "create" {
			return nil, newErr("illegal_argument_exception",
				"only write ops with an op_type of create are allowed in data streams")
		}
		ds, err := s.createDataStream(it.index)
		if err != nil {
			return nil, err
		}
		return s.indices[ds.writeIndex()], nil
	}
	return s.createIndex(it.index, nil)
}

// docErrType is the error type of a document that does not fit its
// mapping on this version.
func (s *Server) docErrType() string {
	if s.ver.documentParsingException() {
		return "document_parsing_exception"
	}
	return "mapper_parsing_exception"
}

// replicaCount is the index's number_of_replicas (1 by default); on one
// node the replicas stay unassigned, so only the primary succeeds.
func replicaCount(ix *index) int {
	if ix.settings == nil {
		return 1
	}
	n, ok := intValue(ix.settings["number_of_replicas"])
	if !ok {
		return 1
	}
	return n
}
