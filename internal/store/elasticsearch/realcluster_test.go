//go:build escluster

package elasticsearch

import (
	"os"
	"testing"

	"github.com/logstack/logstack/internal/store/storetest"
)

// TestRealCluster runs the conformance suite against a real Elasticsearch
// or OpenSearch cluster when LOGSTACK_TEST_ES_URL names one, e.g.
// http://127.0.0.1:9200 or https://elastic:PASSWORD@127.0.0.1:9200 (basic
// credentials in the URL), with LOGSTACK_TEST_ES_CA_FILE for a private CA.
// Neither can be installed on the CI machines (issue 4), so this test is
// built only with the escluster tag (`go test -tags escluster`) and then
// fails without the variable; it never skips. The same suite always runs
// against the protocol fake (TestConformanceFake). It creates and deletes
// its own logstack-test-* indices and templates.
func TestRealCluster(t *testing.T) {
	url := os.Getenv("LOGSTACK_TEST_ES_URL")
	if url == "" {
		t.Fatal("LOGSTACK_TEST_ES_URL is not set: the escluster tag runs the suite against a real cluster, name one (e.g. http://127.0.0.1:9200)")
	}
	ca := os.Getenv("LOGSTACK_TEST_ES_CA_FILE")
	h := harness(func(*testing.T) string { return url }, func(o *Options) { o.CAFile = ca })
	h.ApproximatePercentiles = true // a cluster's TDigest, not nearest rank
	storetest.Run(t, h)
}
