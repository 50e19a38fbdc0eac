package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestValidateElasticsearch checks the section's problems, reported only
// when the backend is selected.
func TestValidateElasticsearch(t *testing.T) {
	f := func(change func(e *Elasticsearch), want ...string) {
		t.Helper()
		c := Default()
		c.Store.Type = "elasticsearch"
		change(&c.Store.Elasticsearch)
		var got []string
		for _, p := range Problems(c.Validate()) {
			got = append(got, p.Path)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("problems at %q, want %q\n%v", got, want, c.Validate())
		}
	}
	f(func(e *Elasticsearch) {})
	f(func(e *Elasticsearch) { e.Index = "logstack-%Y.%m.%d" })
	f(func(e *Elasticsearch) { e.DataStream = "logs-logstack-default"; e.Index = "" })
	f(func(e *Elasticsearch) { e.Username, e.Password = "elastic", "pw" })
	f(func(e *Elasticsearch) { e.AWS.Region, e.AWS.Service = "eu-west-1", "aoss" })
	f(func(e *Elasticsearch) { e.URLs = nil }, "store.elasticsearch.urls")
	f(func(e *Elasticsearch) { e.URLs = []string{"ftp://x", ""} }, "store.elasticsearch.urls[0]", "store.elasticsearch.urls[1]")
	f(func(e *Elasticsearch) { e.URLs = []string{"https://elastic:pa55word@es:9200"} }, "store.elasticsearch.urls[0]")
	f(func(e *Elasticsearch) { e.Index = "Logstack-%Y" }, "store.elasticsearch.index")
	f(func(e *Elasticsearch) { e.Index = "logstack" }, "store.elasticsearch.index")
	f(func(e *Elasticsearch) { e.DataStream = "_bad" }, "store.elasticsearch.data_stream")
	f(func(e *Elasticsearch) { e.Username = "elastic" }, "store.elasticsearch.username")
	f(func(e *Elasticsearch) { e.APIKey = "k"; e.AWS.Region = "eu-west-1" }, "store.elasticsearch")
	f(func(e *Elasticsearch) { e.AWS.Region, e.AWS.Service = "eu-west-1", "s3" }, "store.elasticsearch.aws.service")
	f(func(e *Elasticsearch) { e.TLS = ElasticsearchTLS{CAFile: "ca.pem", InsecureSkipVerify: true} }, "store.elasticsearch.tls")
	f(func(e *Elasticsearch) {
		e.BulkMaxEvents, e.BulkMaxBytes, e.RequestTimeout = 0, 0, 0
	}, "store.elasticsearch.bulk_max_events", "store.elasticsearch.bulk_max_bytes", "store.elasticsearch.request_timeout")
	f(func(e *Elasticsearch) {
		e.Template = ElasticsearchTemplate{Name: "Bad Name", Shards: 0, Replicas: -1}
	}, "store.elasticsearch.template.name", "store.elasticsearch.template.shards", "store.elasticsearch.template.replicas")

	c := Default()
	c.Store.Type = "elasticsearch"
	c.Store.Elasticsearch.URLs = []string{"https://elastic:pa55word@es:9200", "http://u:pa55word@[::1"}
	if err := c.Validate(); err == nil || strings.Contains(err.Error(), "pa55word") {
		t.Errorf("a URL's password is echoed: %v", err)
	}

	c = Default()
	c.Store.Elasticsearch.URLs = nil
	if err := c.Validate(); err != nil {
		t.Errorf("the section is checked although store.type is duckdb: %v", err)
	}
}

// TestLoadElasticsearch loads the documented example: secrets come from the
// environment, and a literal password is refused.
func TestLoadElasticsearch(t *testing.T) {
	const file = `store:
  type: elasticsearch
  elasticsearch:
    urls: ["https://es1:9200", "https://es2:9200"]
    index: "logstack-%Y.%m.%d"
    username: logstack
    password: ${ES_PASSWORD}
    tls: {ca_file: ca.pem}
    bulk_max_bytes: 10MiB
    template: {name: logstack, shards: 3, replicas: 2}
`
	cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": file}, "", map[string]string{"ES_PASSWORD": "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	e := cfg.Store.Elasticsearch
	if e.Password.Value() != "s3cret" || len(e.URLs) != 2 || e.Index != "logstack-%Y.%m.%d" ||
		e.BulkMaxBytes != 10*MiB || e.BulkMaxEvents != 5000 || e.RequestTimeout.Std() != 30*time.Second ||
		e.Template.Shards != 3 || e.AWS.Service != "es" {
		t.Fatalf("loaded %+v", e)
	}
	_, err, _ = loadFiles(t, map[string]string{"logstack.yaml": strings.Replace(file, "${ES_PASSWORD}", "plain", 1)}, "", nil)
	if !errors.Is(err, ErrLiteralSecret) {
		t.Fatalf("literal password: err = %v, want ErrLiteralSecret", err)
	}
}
