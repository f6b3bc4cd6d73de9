# The two promises: `make run` serves the site with its launch content; `make test` passes the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= symbiose.settings.dev
# The site's address in full URLs, given to a new site by load_launch_content (README).
export SITE_HOSTNAME ?= 127.0.0.1:$(PORT)

.PHONY: run test setup lint format messages bench clean lock

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# The brochure's system libraries (Pango, DejaVu) before load_launch_content builds it.
setup: $(VENV)/.runtime
	@scripts/ensure-pango
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_launch_content

# runserver plus ONE scheduler beside it (publishes scheduled pages every SCHEDULER_SECONDS,
# default 30), a process of its own so runserver's autoreloader never starts a second one; it
# stops when runserver does.
run: setup
	@$(PY) manage.py run_scheduler --exit-with-parent & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM HUP; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev
	@scripts/ensure-pango
	@scripts/ensure-chromium
	@scripts/ensure-vnu
	@scripts/ensure-nginx
	# Browser tests in a process of their own: Playwright's event loop changes how Django keeps
	# database connections for the rest of its process (tests/browser/conftest.py), and a test
	# run after it there found its connection outside autocommit.
	DJANGO_SETTINGS_MODULE=symbiose.settings.test $(PY) -m pytest --ignore=tests/browser
	DJANGO_SETTINGS_MODULE=symbiose.settings.test $(PY) -m pytest tests/browser

# The checks of .pre-commit-config.yaml on every tracked file (CI runs this too): ruff check,
# ruff format --check, djhtml --check on templates/, end of file and trailing whitespace (these
# two fix what they report). Local hooks only, run from .venv: nothing is downloaded.
lint: $(VENV)/.dev
	PRE_COMMIT_HOME=$(CURDIR)/$(VENV)/pre-commit $(VENV)/bin/pre-commit run --all-files $(if $(CI),--show-diff-on-failure)

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates/

# Refresh the catalogues (Danish, English) after changing visitor- or editor-facing strings.
# admin_da/ and our overrides of Wagtail's templates (templates/wagtailadmin/) hold Wagtail's
# msgids, not ours: admin_da translates them, so makemessages leaves both alone (README). The
# tests look strings up in the catalogues; they add none.
MESSAGES_IGNORE := .venv node_modules staticfiles media admin_da templates/wagtailadmin tests
# English is the msgids' own language: its catalogue (locale/en) is the template with every
# msgstr its msgid (msgen), so an English page never falls back to another catalogue.
EN_PO := locale/en/LC_MESSAGES/django.po
messages: $(VENV)/.dev
	$(PY) manage.py makemessages -l da -l en $(addprefix --ignore=,$(MESSAGES_IGNORE)) --no-location
	msgen --sort-output --width=100 -o $(EN_PO) $(EN_PO)
	$(PY) manage.py compilemessages -l da -l en --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .pytest_cache

bench: $(VENV)/.dev
	$(PY) -m benchmarks.run

# Regenerate the pinned requirements*.txt from requirements*.in (pip-tools). Existing pins are
# kept unless the .in files ask otherwise; `make lock UPGRADE=1` moves everything to the newest.
LOCK := $(VENV)/bin/pip-compile --quiet --no-strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.dev
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-dev.txt requirements-dev.in
