# Two commands matter: `make dev` runs the whole system with demo data, `make test` runs every
# test. Both install what is missing and start PostgreSQL, Redis and Temporal first.
GO      ?= go
BIN     := bin/aithena
TOOLS   := $(CURDIR)/.tools/bin
export PATH := $(TOOLS):$(PATH)

.PHONY: dev test deps build vet check loadtest clean

deps:
	@bash deploy/scripts/deps.sh

build:
	$(GO) build -o $(BIN) ./cmd/aithena

dev: deps build
	@bash deploy/scripts/dev.sh

test: deps build
	@bash deploy/scripts/test.sh

# Static checks only (no services needed).
check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	@test -x $(TOOLS)/workflowcheck || GOBIN=$(TOOLS) $(GO) install go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0
	$(TOOLS)/workflowcheck ./workflows/...

# Against a running `make dev`: writes docs/performance.md and its plot.
loadtest: build
	$(BIN) loadtest --rate $${RATE:-30} --duration $${DURATION:-30s} --report docs/performance.md

clean:
	rm -rf bin
