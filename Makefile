# Two commands matter: `make dev` runs the whole system with demo data, `make test` runs every
# test. Both install what is missing and start PostgreSQL, Redis and Temporal first.
GO      ?= go
BIN     := bin/aithena
TOOLS   := $(CURDIR)/.tools/bin
export PATH := $(TOOLS):$(PATH)

.PHONY: dev test deps build vet check loadtest kb clean

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

# Regenerates the categorizer's knowledge base from the pinned name-suggestion-index release
# (npm pack; see docs/knowledge-base.md). The output is committed; tests never need npm.
NSI_VERSION := 8.0.20260918
kb:
	@d=$$(mktemp -d) && (cd $$d && npm pack --silent name-suggestion-index@$(NSI_VERSION) >/dev/null) && \
		tar -C $$d -xzf $$d/name-suggestion-index-$(NSI_VERSION).tgz package/dist/json/nsi.json && \
		$(GO) run ./categorize/kb/gen -nsi $$d/package/dist/json/nsi.json -out categorize/kb/data/kb.tsv.gz && rm -rf $$d

clean:
	rm -rf bin
