package httpin

import (
	"net/http"
)

// Elasticsearch identity logstack presents: 8.11 speaks the 8.x bulk API
// without mapping types, and 7.17 wire compatibility keeps 7.x shippers
// (Filebeat/Logstash 7.17) working.
const (
	esVersion   = "8.11.0"
	clusterName = "logstack"
	// clusterUUID is fixed so that shippers that record the cluster they
	// write to (Filebeat monitoring) see the same one across restarts.
	clusterUUID = "bG9nc3RhY2stY2x1c3Rlcg"
)

type versionDoc struct {
	Name        string       `json:"name"`
	ClusterName string       `json:"cluster_name"`
	ClusterUUID string       `json:"cluster_uuid"`
	Version     versionInfo  `json:"version"`
	Tagline     string       `json:"tagline"`
	Logstack    logstackInfo `json:"logstack"`
}

type versionInfo struct {
	Number                           string `json:"number"`
	BuildFlavor                      string `json:"build_flavor"`
	BuildType                        string `json:"build_type"`
	BuildHash                        string `json:"build_hash"`
	BuildDate                        string `json:"build_date"`
	BuildSnapshot                    bool   `json:"build_snapshot"`
	LuceneVersion                    string `json:"lucene_version"`
	MinimumWireCompatibilityVersion  string `json:"minimum_wire_compatibility_version"`
	MinimumIndexCompatibilityVersion string `json:"minimum_index_compatibility_version"`
}

type logstackInfo struct {
	Version string `json:"version"`
}

// root answers GET / and HEAD / with the version document every shipper
// reads first.
func (in *Input) root(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, versionDoc{
		Name:        "logstack",
		ClusterName: clusterName,
		ClusterUUID: clusterUUID,
		Version: versionInfo{
			Number:                           esVersion,
			BuildFlavor:                      "default",
			BuildType:                        "logstack",
			BuildHash:                        "logstack",
			BuildDate:                        "2023-11-04T10:04:57.184859352Z",
			LuceneVersion:                    "9.8.0",
			MinimumWireCompatibilityVersion:  "7.17.0",
			MinimumIndexCompatibilityVersion: "7.0.0",
		},
		Tagline:  "You Know, for Search",
		Logstack: logstackInfo{Version: in.cfg.Version},
	})
}

type obj = map[string]any

func license(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, obj{"license": obj{
		"status": "active", "uid": clusterUUID, "type": "basic",
		"issue_date": "2024-01-01T00:00:00.000Z", "issue_date_in_millis": 1704067200000,
		"max_nodes": 1000, "max_resource_units": nil, "issued_to": clusterName,
		"issuer": "elasticsearch", "start_date_in_millis": -1,
	}})
}

func xpack(w http.ResponseWriter, _ *http.Request) {
	on := obj{"available": true, "enabled": true}
	writeJSON(w, http.StatusOK, obj{
		"build":    obj{"hash": "logstack", "date": "2023-11-04T10:04:57.184859352Z"},
		"license":  obj{"uid": clusterUUID, "type": "basic", "mode": "basic", "status": "active"},
		"features": obj{"ilm": on, "data_streams": on, "monitoring": on, "security": on},
		"tagline":  "You know, for X",
	})
}

func clusterHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, obj{
		"cluster_name": clusterName, "status": "green", "timed_out": false,
		"number_of_nodes": 1, "number_of_data_nodes": 1,
		"active_primary_shards": 1, "active_shards": 1, "relocating_shards": 0,
		"initializing_shards": 0, "unassigned_shards": 0, "delayed_unassigned_shards": 0,
		"number_of_pending_tasks": 0, "number_of_in_flight_fetch": 0,
		"task_max_waiting_in_queue_millis": 0, "active_shards_percent_as_number": 100.0,
	})
}

func clusterStateVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, obj{"cluster_name": clusterName, "cluster_uuid": clusterUUID, "version": 8})
}

func acknowledge(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, obj{"acknowledged": true})
}

func indexTemplate(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	writeJSON(w, http.StatusOK, obj{"index_templates": []obj{{"name": name, "index_template": obj{
		"index_patterns": []string{name + "*"}, "composed_of": []string{}, "template": obj{},
	}}}})
}

func componentTemplate(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, obj{"component_templates": []obj{{
		"name": r.PathValue("name"), "component_template": obj{"template": obj{}},
	}}})
}

func legacyTemplate(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	writeJSON(w, http.StatusOK, obj{name: obj{
		"order": 0, "index_patterns": []string{name + "*"}, "settings": obj{}, "mappings": obj{}, "aliases": obj{},
	}})
}

// catTemplates answers in _cat's text format; Filebeat 7 only checks that
// the template name appears in the body.
func catTemplates(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	_, _ = w.Write([]byte(name + " [" + name + "*] 0\n"))
}

func dataStream(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	writeJSON(w, http.StatusOK, obj{"data_streams": []obj{{
		"name": name, "timestamp_field": obj{"name": "@timestamp"}, "indices": []obj{},
		"generation": 1, "status": "GREEN", "template": name, "hidden": false, "system": false,
	}}})
}

func ilmPolicy(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, obj{r.PathValue("name"): obj{
		"version": 1, "modified_date": "2024-01-01T00:00:00.000Z", "policy": obj{"phases": obj{}},
	}})
}

func ingestPipeline(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, obj{r.PathValue("name"): obj{
		"description": "accepted by logstack; logstack does not run ingest pipelines", "processors": []obj{},
	}})
}
