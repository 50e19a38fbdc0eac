package esfake

import "net/http"

// handleHealth serves GET /_cluster/health for one node: yellow while an
// index wants replicas (they cannot be assigned), else green.
func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	status, primaries, unassigned := "green", 0, 0
	for _, ix := range s.indices {
		primaries++
		if n := replicaCount(ix); n > 0 {
			status, unassigned = "yellow", unassigned+n
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"cluster_name": "esfake", "status": status, "timed_out": false,
		"number_of_nodes": 1, "number_of_data_nodes": 1,
		"active_primary_shards": primaries, "active_shards": primaries,
		"relocating_shards": 0, "initializing_shards": 0, "unassigned_shards": unassigned,
		"delayed_unassigned_shards": 0, "number_of_pending_tasks": 0, "number_of_in_flight_fetch": 0,
		"task_max_waiting_in_queue_millis": 0, "active_shards_percent_as_number": percentActive(primaries, unassigned),
	})
}

func percentActive(active, unassigned int) float64 {
	if active+unassigned == 0 {
		return 100
	}
	return 100 * float64(active) / float64(active+unassigned)
}
