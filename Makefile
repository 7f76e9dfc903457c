# The two commands: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: setup system run test lint typecheck unit bench bench-camelot bench-ocr fuzz dump-tools campaign fixtures fixtures-deps fixtures-family measure-formgen compare same-outputs docs clean

# System packages: fonts-noto-cjk so the notebook's Chinese labels render as text;
# chromium (Debian's, not a self-downloading build) for the review page's browser test.
# fonts-arphic-uming/-ukai: the fonts the live reportlab renderings embed (tests/test_reportlab_family.py,
# the dump-tool and form-family PDF tests render forms with them; without them those tests skip).
# tesseract-ocr-chi-tra: the traditional-Chinese model for `--ocr tesseract` (tesserocr bundles the engine, not the data).
SYSTEM_PACKAGES := fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai chromium tesseract-ocr-chi-tra tesseract-ocr-eng poppler-utils

# Bytecode is compiled here, once: where PYTHONDONTWRITEBYTECODE is set (CI images often
# set it) Python never caches it and every process compiled pandas & co. from source
# (~1.5 s per start).  compileall skips what is up to date.  tools/, tests/ and bench/ too:
# every test worker imports the form generator (0.9 s of compiling per worker otherwise).
setup: $(BIN)/evaltable
	@$(BIN)/python -m compileall -q -j 0 pipeline tools tests bench

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(BIN)/evaltable: $(UV) pyproject.toml uv.lock
	@$(MAKE) --no-print-directory system
	$(UV) sync --frozen --python $(PYTHON) --quiet --compile-bytecode
	@touch $@

system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get -o DPkg::Lock::Timeout=900 update -qq && apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $$missing; \
	  else echo "missing system packages:$$missing"; echo "run: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi

uv.lock: pyproject.toml | $(UV)
	$(UV) lock --python $(PYTHON)

run: setup
	$(BIN)/evaltable run raw/ --out outputs/

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -n auto --dist worksteal

test: setup lint typecheck unit

# Page backends against pdfium's text speed (issue 13), then the batch benchmark.
bench: setup bench-camelot
	$(BIN)/python -m bench.backends
	$(BIN)/python -m bench.run

# OCR accuracy and cost on degraded scans of the fixtures (bench/ocr.py; minutes).
bench-ocr: setup
	$(BIN)/python -m bench.ocr --engine rapidocr
	$(BIN)/python -m bench.ocr --engine tesseract

# Generated forms of the whole family through every producer; counts per outcome
# (exact / flagged / refused / false alarm / silently wrong).  Not part of `make test`.
# PRODUCERS=chromium / libreoffice / libreoffice-text / chromium-layout / libreoffice-layout need
# `make fixtures-deps` and take seconds per form.
N ?= 5000
PRODUCERS ?= textdump reportlab
fuzz: setup
	$(BIN)/python -m bench.fuzz -n $(N) $(foreach p,$(PRODUCERS),--producer $(p))

# The nine committed PDF fixtures dumped by each common dump tool, each dump read and
# compared with the PDF's own reading (`bench/dump_tools.py`; half a minute).
dump-tools: setup
	$(BIN)/python -m bench.dump_tools

# Adversarial campaign (issue 16): kill -9 at random moments, bit-flipped PDFs, mutated
# dumps, a hostile file system; prints held/broke counts. Minutes; never in `make test`.
campaign: setup
	$(BIN)/python -m bench.campaign

# System packages that only the PDF producers need (tools/formgen, tools/render_*):
# never needed by `make test`, which reads the committed renderings.
FIXTURE_PACKAGES := fonts-arphic-uming fonts-arphic-ukai fonts-noto-cjk chromium libreoffice-writer-nogui poppler-utils

fixtures-deps:
	@missing=""; for p in $(FIXTURE_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get -o DPkg::Lock::Timeout=900 update -qq && apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $$missing; \
	  else echo "missing system packages:$$missing"; echo "run: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi

# Camelot (lattice) for the comparison only, in its own venv: it needs OpenCV, which
# the pipeline does not.  From PyPI; a failure leaves the bench saying so.
bench-camelot: $(UV)
	@test -x bench/camelot-venv/bin/python || { $(UV) venv -q --python $(PYTHON) bench/camelot-venv && \
	  $(UV) pip install -q --python bench/camelot-venv/bin/python camelot-py; } || rm -rf bench/camelot-venv

# Regenerate the committed PDF fixtures (needs fonts-arphic-uming/-ukai and LibreOffice
# writer: tools/README.md). Not needed to run the tests.
fixtures: setup
	$(BIN)/python -m tools.render_fixtures
	$(BIN)/python -m tools.render_lo

# Exact / flagged / silently wrong per producer on every committed form rendering plus
# 20 live reportlab ones (bench/pdf_family.py); not part of `make test`.
measure-formgen: setup
	$(BIN)/python -m bench.pdf_family -v

# Re-render the committed form-family fixtures (tests/fixtures/formgen) with Chromium
# and LibreOffice.
fixtures-family: setup fixtures-deps
	$(BIN)/python -m tools.formgen.fixtures

# pdfplumber's own extract_tables() against ours, on the fixtures.
compare: setup
	$(BIN)/python -m tools.compare_extract_tables

# Outputs value-for-value the same as BASE's (a commit, HEAD by default) on the seed, every
# fixture, 50 generated forms and ../shared/realworld (tools/compare_outputs.py; minutes;
# not in `make test`). For refactorings: `make same-outputs BASE=main`.
BASE ?= HEAD
CMP := interim/compare
same-outputs: setup
	test -d $(CMP)/inputs || $(BIN)/python -m tools.compare_outputs inputs $(CMP)/inputs
	rm -rf $(CMP)/base-src $(CMP)/base $(CMP)/new && mkdir -p $(CMP)/base-src
	git archive $(BASE) pipeline | tar -x -C $(CMP)/base-src
	$(BIN)/python -m tools.compare_outputs run $(CMP)/inputs $(CMP)/base --repo $(CMP)/base-src
	$(BIN)/python -m tools.compare_outputs run $(CMP)/inputs $(CMP)/new
	$(BIN)/python -m tools.compare_outputs compare $(CMP)/base $(CMP)/new

# Regenerate docs/data-dictionary.md from pipeline/schemas.py (a test fails when it is stale).
docs: setup
	$(BIN)/python -m pipeline.analyst.dictionary

clean:
	rm -rf $(VENV) $(TOOLS) interim/cache outputs/*.parquet outputs/*/
