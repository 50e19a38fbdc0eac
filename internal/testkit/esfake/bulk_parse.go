package esfake

import (
	"bytes"
	"encoding/json"
)

// bulkItem is one action of a _bulk body with its source line.
type bulkItem struct {
	action string // create, index, delete, update
	index  string
	id     string
	source []byte
}

var bulkParams = map[string]bool{
	"_index": true, "_id": true, "_type": true, "routing": true, "version": true, "version_type": true,
	"if_seq_no": true, "if_primary_term": true, "pipeline": true, "require_alias": true,
	"dynamic_templates": true, "op_type": true, "retry_on_conflict": true, "require_data_stream": true,
	"list_executed_pipelines": true, "_source": true,
}

// parseBulk splits a _bulk NDJSON body into items, refusing it as a whole
// the way the REST layer does (400 illegal_argument_exception) when a line
// is malformed or the body does not end with a newline.
func parseBulk(body []byte, defaultIndex string) ([]bulkItem, *httpError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badRequest("action_request_validation_exception", "Validation Failed: 1: no requests added;")
	}
	if body[len(body)-1] != '\n' {
		return nil, badRequest("illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]")
	}
	lines := bytes.Split(body[:len(body)-1], []byte("\n"))
	var items []bulkItem
	for i := 0; i < len(lines); i++ {
		line := bytes.TrimSpace(lines[i])
		if len(line) == 0 {
			continue
		}
		item, he := parseAction(line, i+1, defaultIndex)
		if he != nil {
			return nil, he
		}
		if item.action != "delete" {
			i++
			if i >= len(lines) {
				return nil, badRequest("illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]")
			}
			item.source = lines[i]
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return nil, badRequest("action_request_validation_exception", "Validation Failed: 1: no requests added;")
	}
	for _, it := range items {
		if it.index == "" {
			return nil, badRequest("action_request_validation_exception", "Validation Failed: 1: index is missing;")
		}
	}
	return items, nil
}

func parseAction(line []byte, n int, defaultIndex string) (bulkItem, *httpError) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return bulkItem{}, badRequest("illegal_argument_exception",
			"Malformed action/metadata line [%d], expected START_OBJECT or END_OBJECT but found [VALUE_STRING]", n)
	}
	if len(obj) != 1 {
		return bulkItem{}, badRequest("illegal_argument_exception",
			"Malformed action/metadata line [%d], expected a simple value for field [...] but found [START_OBJECT]", n)
	}
	var item bulkItem
	var meta map[string]any
	for action, raw := range obj {
		switch action {
		case "create", "index", "delete", "update":
		default:
			return item, badRequest("illegal_argument_exception",
				"Malformed action/metadata line [%d], expected field [create], [delete], [index] or [update] but found [%s]", n, action)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&meta); err != nil || meta == nil {
			return item, badRequest("illegal_argument_exception",
				"Malformed action/metadata line [%d], expected START_OBJECT but found [%s]", n, string(raw))
		}
		item.action = action
	}
	for k := range meta {
		if !bulkParams[k] {
			return item, badRequest("illegal_argument_exception", "Action/metadata line [%d] contains an unknown parameter [%s]", n, k)
		}
	}
	item.index, _ = meta["_index"].(string)
	if item.index == "" {
		item.index = defaultIndex
	}
	if id, ok := meta["_id"]; ok {
		item.id, _ = stringValue(id)
	}
	if op, _ := meta["op_type"].(string); op == "create" && item.action == "index" {
		item.action = "create"
	}
	return item, nil
}
