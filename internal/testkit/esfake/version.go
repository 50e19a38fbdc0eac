package esfake

import (
	"strconv"
	"strings"
)

// version is the distribution and version the server impersonates.
type version struct {
	openSearch          bool
	number              string
	major, minor, patch int
}

func parseVersion(distribution, number string) version {
	v := version{openSearch: strings.EqualFold(distribution, "opensearch"), number: number}
	parts := strings.SplitN(number, ".", 3)
	nums := []*int{&v.major, &v.minor, &v.patch}
	for i, p := range parts {
		p, _, _ = strings.Cut(p, "-")
		*nums[i], _ = strconv.Atoi(p)
	}
	return v
}

func (v version) atLeast(major, minor int) bool {
	return v.major > major || v.major == major && v.minor >= minor
}

// composable reports whether _index_template exists (Elasticsearch 7.8,
// every OpenSearch).
func (v version) composable() bool { return v.openSearch || v.atLeast(7, 8) }

// dataStreams reports whether _data_stream exists (Elasticsearch 7.9,
// every OpenSearch).
func (v version) dataStreams() bool { return v.openSearch || v.atLeast(7, 9) }

// productHeader reports whether responses carry X-Elastic-Product
// (Elasticsearch 7.14 and later).
func (v version) productHeader() bool { return !v.openSearch && v.atLeast(7, 14) }

// types reports whether responses still carry "_type": "_doc"
// (Elasticsearch 7, OpenSearch 1).
func (v version) types() bool {
	if v.openSearch {
		return v.major < 2
	}
	return v.major < 8
}

// documentParsingException reports whether a document that does not fit
// its mapping fails with document_parsing_exception (Elasticsearch 8.8 and
// later) rather than mapper_parsing_exception.
func (v version) documentParsingException() bool { return !v.openSearch && v.atLeast(8, 8) }

// destructiveRequiresName reports whether DELETE refuses wildcards by
// default (Elasticsearch 8).
func (v version) destructiveRequiresName() bool { return !v.openSearch && v.major >= 8 }
