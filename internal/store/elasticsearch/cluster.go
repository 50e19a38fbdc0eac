package elasticsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/logstack/logstack/internal/store"
)

// cluster is what GET / says about the cluster.
type cluster struct {
	OpenSearch          bool
	Major, Minor, Patch int
	Number              string
}

func (c cluster) String() string {
	if c.OpenSearch {
		return "OpenSearch " + c.Number
	}
	return "Elasticsearch " + c.Number
}

// atLeast compares the version with major.minor.
func (c cluster) atLeast(major, minor int) bool {
	return c.Major > major || c.Major == major && c.Minor >= minor
}

// composable reports whether the cluster has _index_template (Elasticsearch
// 7.8 and later, every OpenSearch).
func (c cluster) composable() bool { return c.OpenSearch || c.atLeast(7, 8) }

// dataStreams reports whether the cluster has data streams (Elasticsearch
// 7.9 and later, every OpenSearch).
func (c cluster) dataStreams() bool { return c.OpenSearch || c.atLeast(7, 9) }

// detect reads the flavour and version and refuses what logstack does not
// support: Elasticsearch before 7 (typed mappings), and OpenSearch's
// Elasticsearch-compatibility mode hides nothing here because the
// distribution field stays "opensearch".
func detect(ctx context.Context, c *client) (cluster, error) {
	resp, err := c.do(ctx, "GET", "/", nil)
	if err != nil {
		return cluster{}, fmt.Errorf("detect cluster version: %w", err)
	}
	var root struct {
		Version struct {
			Number       string `json:"number"`
			Distribution string `json:"distribution"`
		} `json:"version"`
	}
	if err := json.Unmarshal(resp.body, &root); err != nil || root.Version.Number == "" {
		return cluster{}, fmt.Errorf("%w: GET / did not answer like Elasticsearch or OpenSearch (no version.number)", store.ErrPermanent)
	}
	cl := cluster{OpenSearch: root.Version.Distribution == "opensearch", Number: root.Version.Number}
	nums := strings.SplitN(strings.SplitN(cl.Number, "-", 2)[0], ".", 3)
	vals := []*int{&cl.Major, &cl.Minor, &cl.Patch}
	for i, n := range nums {
		v, err := strconv.Atoi(n)
		if err != nil {
			return cluster{}, fmt.Errorf("%w: unreadable version %q", store.ErrPermanent, cl.Number)
		}
		*vals[i] = v
	}
	if !cl.OpenSearch && cl.Major < 7 {
		return cluster{}, fmt.Errorf("%w: %s is not supported (Elasticsearch 7.x or 8.x, OpenSearch 1.x or 2.x)", store.ErrPermanent, cl)
	}
	return cl, nil
}
