# logstack developer targets. `make run` starts the stack, `make test` runs
# everything CI runs.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X github.com/logstack/logstack/internal/buildinfo.Version=$(VERSION) -X github.com/logstack/logstack/internal/buildinfo.Commit=$(COMMIT)

.PHONY: build run test test-race vet fmt fuzz bench

build:
	go build -ldflags "$(LDFLAGS)" -o bin/logstack ./cmd/logstack

run: build
	./bin/logstack serve

test: vet
	go test -race -shuffle=on -timeout 20m ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# fuzz runs every fuzz target for FUZZTIME each.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$(go list ./...); do \
	  for f in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; go test -run=NONE -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench:
	go test -run=NONE -bench=. -benchmem ./...
