package elasticsearch

import (
	"os"
	"testing"

	"github.com/logstack/logstack/internal/store/storetest"
)

// TestRealCluster runs the conformance suite against a real Elasticsearch
// or OpenSearch cluster when LOGSTACK_TEST_ES_URL names one (e.g.
// http://127.0.0.1:9200; credentials in the URL are not supported, use an
// unsecured test cluster). Neither can be installed on the CI machines
// (issue 4), so this is the one opt-in test: it skips only when the
// variable is unset, and the same suite always runs against the protocol
// fake (TestConformanceFake).
func TestRealCluster(t *testing.T) {
	url := os.Getenv("LOGSTACK_TEST_ES_URL")
	if url == "" {
		t.Skip("LOGSTACK_TEST_ES_URL not set: no real cluster to test against")
	}
	storetest.Run(t, harness(func(*testing.T) string { return url }, nil))
}
