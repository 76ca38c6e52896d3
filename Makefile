# The README's two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
DB ?= tracewire.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint bench bench-analysis eval clean web chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/tracewire gazetteer build
	touch $(STAMP)

install: $(STAMP)

# The web UI's browser libraries: npm installs them from the lock file, build.mjs copies them into
# the package (tracewire/serve/static/vendor, git-ignored, shipped in the wheel).
WEB := tracewire/serve/static/vendor/.built
$(WEB): web/package.json web/package-lock.json web/build.mjs
	cd web && npm ci --no-audit --no-fund --silent && node build.mjs
	touch $(WEB)

web: $(WEB)

# The browser tests drive Debian's Chromium; install it when we can (root with apt-get) and it is missing.
chromium:
	@test -x /usr/bin/chromium || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
		echo "warning: /usr/bin/chromium is missing; the browser tests will fail (apt-get install chromium)"

run: $(STAMP) $(WEB)
	$(BIN)/tracewire demo --db $(DB) --host $(HOST) --port $(PORT)

# the suite runs twice: on SQLite, then on PostgreSQL when a server is installed (.ci/postgres starts it;
# CI sets TRACEWIRE_REQUIRE_POSTGRES=1 so a missing server fails instead of being skipped)
test: $(STAMP) $(WEB) chromium
	$(BIN)/python -m pytest
	@url=$$(.ci/postgres) || exit 1; \
	if [ -n "$$url" ]; then echo "== the suite again, on PostgreSQL ($$url)"; \
	  TRACEWIRE_TEST_DB="$$url" $(BIN)/python -m pytest; \
	else echo "== no PostgreSQL server installed: the suite ran on SQLite only"; fi

lint: $(STAMP)
	$(BIN)/ruff check tracewire tests benchmarks
	$(BIN)/mypy tracewire

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

bench-analysis: $(STAMP)
	$(BIN)/python benchmarks/analysis.py

eval: $(STAMP)
	$(BIN)/tracewire extract ../shared/eval/dev/*.txt --format jsonl > .eval-dev.jsonl
	python3 ../shared/eval/score.py ../shared/eval/dev .eval-dev.jsonl
	$(BIN)/tracewire extract tests/data/gold/*.txt --format jsonl > .eval-own.jsonl
	python3 ../shared/eval/score.py tests/data/gold .eval-own.jsonl
	@echo "three articles held out for a first round of changes, then used for development (tests/data/heldout):"
	$(BIN)/tracewire extract tests/data/heldout/*.txt --format jsonl > .eval-heldout.jsonl
	python3 ../shared/eval/score.py tests/data/heldout .eval-heldout.jsonl
	@echo "four short articles held out for a second round, then used for development (tests/data/heldout2):"
	$(BIN)/tracewire extract tests/data/heldout2/*.txt --format jsonl > .eval-heldout2.jsonl
	python3 ../shared/eval/score.py tests/data/heldout2 .eval-heldout2.jsonl
	@echo "five long articles held out for a third round, then used for development (tests/data/heldout3):"
	$(BIN)/tracewire extract tests/data/heldout3/*.txt --format jsonl > .eval-heldout3.jsonl
	python3 ../shared/eval/score.py tests/data/heldout3 .eval-heldout3.jsonl
	@echo "five long articles held out for a fourth round, then used for development (tests/data/heldout4):"
	$(BIN)/tracewire extract tests/data/heldout4/*.txt --format jsonl > .eval-heldout4.jsonl
	python3 ../shared/eval/score.py tests/data/heldout4 .eval-heldout4.jsonl
	@echo "five long articles held out for a fifth round, then used for development (tests/data/heldout5):"
	$(BIN)/tracewire extract tests/data/heldout5/*.txt --format jsonl > .eval-heldout5.jsonl
	python3 ../shared/eval/score.py tests/data/heldout5 .eval-heldout5.jsonl
	@echo "five analysis articles on Afghanistan and its neighbours held out, never tuned to (tests/data/heldout6/README.md):"
	$(BIN)/tracewire extract tests/data/heldout6/*.txt --format jsonl > .eval-heldout6.jsonl
	python3 ../shared/eval/score.py tests/data/heldout6 .eval-heldout6.jsonl

clean:
	rm -rf $(VENV) $(DB) web/node_modules tracewire/serve/static/vendor .pytest_cache .eval-dev.jsonl .eval-own.jsonl .eval-heldout.jsonl .eval-heldout2.jsonl
