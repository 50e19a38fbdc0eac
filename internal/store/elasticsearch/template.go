package elasticsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/http"
)

// template is the index template logstack installs.
type template struct {
	name     string
	patterns []string
	body     map[string]any // without "version"
	version  int
}

// newTemplate builds the template for the cluster: composable when the
// cluster has _index_template, legacy otherwise (Elasticsearch 7.0-7.7).
// Its version is a hash of its content, so any change (a new logstack
// mapping, other shard counts, store.columns) is applied on the next start
// while an unchanged template is left alone.
func (s *Store) newTemplate() template {
	settings := map[string]any{"index": map[string]any{
		"number_of_shards":   s.opts.Shards,
		"number_of_replicas": s.opts.Replicas,
		"analysis":           analysis(),
	}}
	m := mappings(s.types)
	t := template{name: s.opts.TemplateName, patterns: []string{s.glob}}
	if s.cluster.composable() {
		t.body = map[string]any{
			"index_patterns": t.patterns,
			"priority":       200,
			"template":       map[string]any{"settings": settings, "mappings": m},
			"_meta":          map[string]any{"managed_by": "logstack"},
		}
		if s.opts.DataStream != "" {
			t.body["data_stream"] = map[string]any{}
		}
	} else {
		t.body = map[string]any{
			"index_patterns": t.patterns,
			"order":          200,
			"settings":       settings,
			"mappings":       m,
		}
	}
	raw, _ := json.Marshal(t.body) // maps marshal with sorted keys: stable
	h := fnv.New32a()
	_, _ = h.Write(raw)
	t.version = int(h.Sum32() & 0x7fffffff)
	return t
}

// path is the template's endpoint.
func (s *Store) templatePath(t template) string {
	if s.cluster.composable() {
		return "/_index_template/" + t.name
	}
	return "/_template/" + t.name
}

// installedVersion returns the version of the installed template, or -1
// when there is none (or it carries no version).
func (s *Store) installedVersion(ctx context.Context, t template) (int, error) {
	resp, err := s.c.do(ctx, "GET", s.templatePath(t), nil, http.StatusNotFound)
	if err != nil {
		return 0, fmt.Errorf("read index template: %w", err)
	}
	if resp.status == http.StatusNotFound {
		return -1, nil
	}
	if s.cluster.composable() {
		var r struct {
			IndexTemplates []struct {
				Name          string `json:"name"`
				IndexTemplate struct {
					Version *int `json:"version"`
				} `json:"index_template"`
			} `json:"index_templates"`
		}
		if err := json.Unmarshal(resp.body, &r); err != nil {
			return 0, fmt.Errorf("read index template: %w", err)
		}
		for _, it := range r.IndexTemplates {
			if it.Name == t.name && it.IndexTemplate.Version != nil {
				return *it.IndexTemplate.Version, nil
			}
		}
		return -1, nil
	}
	var r map[string]struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(resp.body, &r); err != nil {
		return 0, fmt.Errorf("read index template: %w", err)
	}
	if v, ok := r[t.name]; ok && v.Version != nil {
		return *v.Version, nil
	}
	return -1, nil
}

// installTemplate puts the template unless the same version is installed.
// New indices take it; existing ones keep their mapping until they roll
// over (hourly or daily), which is how Elasticsearch applies templates.
func (s *Store) installTemplate(ctx context.Context, log *slog.Logger) error {
	t := s.newTemplate()
	have, err := s.installedVersion(ctx, t)
	if err != nil {
		return err
	}
	if have == t.version {
		log.Debug("index template up to date", "template", t.name, "version", t.version)
		return nil
	}
	body := map[string]any{"version": t.version}
	for k, v := range t.body {
		body[k] = v
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode index template: %w", err)
	}
	if _, err := s.c.do(ctx, "PUT", s.templatePath(t), raw); err != nil {
		return fmt.Errorf("install index template: %w", err)
	}
	log.Info("index template installed", "template", t.name, "version", t.version, "previous", have, "cluster", s.cluster.String())
	return nil
}

// ensureDataStream creates the data stream when it does not exist yet, so
// that a missing template match shows at start-up, not on the first write.
func (s *Store) ensureDataStream(ctx context.Context) error {
	name := s.opts.DataStream
	resp, err := s.c.do(ctx, "GET", "/_data_stream/"+name, nil, http.StatusNotFound)
	if err != nil {
		return fmt.Errorf("read data stream: %w", err)
	}
	if resp.status != http.StatusNotFound {
		return nil
	}
	if _, err := s.c.do(ctx, "PUT", "/_data_stream/"+name, nil); err != nil {
		return fmt.Errorf("create data stream %s: %w", name, err)
	}
	return nil
}
