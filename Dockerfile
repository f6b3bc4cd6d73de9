# Symbiose Hillerød: production image (Django 5.2 + Wagtail 8, served by gunicorn).
#
# Build:
#   podman build --format docker -t symbiose .        # docker format keeps the HEALTHCHECK
#
# Migrations and the launch content are NOT run at container start. Run them as their own
# one-off step (before the first start and after every deploy), with the same env and the
# same data/media volumes as the server. load_launch_content also builds the brochure (stored
# in the database, served at /brochure.pdf and /en/brochure.pdf) with WeasyPrint, whose system
# libraries (Pango, DejaVu fonts) the final stage installs.
#   podman run --rm -e SECRET_KEY=... -e DATABASE_URL=... \
#       -v symbiose-data:/app/data -v symbiose-media:/app/media \
#       IMAGE python manage.py migrate --noinput
#   podman run --rm -e SECRET_KEY=... -e DATABASE_URL=... \
#       -v symbiose-data:/app/data -v symbiose-media:/app/media \
#       IMAGE python manage.py load_launch_content        # idempotent, safe to re-run
# Then the server:
#   podman run -d -p 127.0.0.1:8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=example.org \
#       -v symbiose-data:/app/data -v symbiose-media:/app/media IMAGE
#
# Environment (see symbiose/settings/):
#   SECRET_KEY            required at run time (the image has none).
#   DATABASE_URL          default sqlite:////app/data/db.sqlite3 (volume /app/data);
#                         postgres://user:pass@host:5432/db for PostgreSQL.
#   ALLOWED_HOSTS         comma list, default localhost,127.0.0.1,[::1].
#   CSRF_TRUSTED_ORIGINS  comma list, e.g. https://example.org (needed for the admin).
#   SITE_HOSTNAME         the site's address in full URLs, host[:port] (example.org means
#                         https://example.org); default the first ALLOWED_HOSTS entry. Given
#                         to a new site by load_launch_content, to an existing one by
#                         `python manage.py set_site_hostname`.
#   WAGTAILADMIN_BASE_URL default https://<SITE_HOSTNAME> (links in admin e-mails).
#   EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / _SSL,
#   DEFAULT_FROM_EMAIL, SERVER_EMAIL: the SMTP server for password resets and notifications.
#   SECURE_SSL_REDIRECT   default 1: plain-HTTP requests get a 301 unless the proxy sends
#                         X-Forwarded-Proto: https (/healthz is exempt). 0 turns it off.
#   SECURE_HSTS_SECONDS / _INCLUDE_SUBDOMAINS / _PRELOAD, SERVE_MEDIA (default 1: the app
#   serves uploaded images under /media/; documents only ever at /documents/<id>/<name>),
#   MEDIA_ROOT (default /app/media, volume), LOG_LEVEL, CONN_MAX_AGE,
#   PORT (default 8000), WEB_CONCURRENCY (gunicorn workers, default 2), GUNICORN_THREADS
#                         (threads per worker, default 4: gthread workers, gunicorn.conf.py).
#   DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT (PostgreSQL, default 2 s and 5 s;
#                         DATABASE_STATEMENT_TIMEOUT=0 for long one-off commands),
#   REDIS_TIMEOUT, REDIS_BREAKER_SECONDS (default 0.25 s, 5 s), READYZ_TIMEOUT (0.05 s),
#   LOG_REPEAT_SECONDS (default 10: one log line per kind of failure per interval).
#   SCHEDULER_SECONDS     how often scheduled pages are published and expired ones
#                         unpublished, and old join submissions deleted (default 30); 0 starts
#                         no scheduler in this container.
#   BACKUP_DIR            where `python manage.py backup` writes without an argument (a volume
#                         or a mounted off-site share; docs/operations.md, Backups).
#   APP_VERSION           the release (e.g. the git commit), written into each backup's manifest.
#   SNAPSHOT_ROOT         the static snapshot (default /app/site-snapshot, a volume; empty: none).
#   JOIN_SUBMISSION_RETENTION_DAYS  days join submissions are kept (default 365).
#   JOIN_RATE_LIMIT, JOIN_RATE_LIMIT_SECONDS  join submissions per client address per window
#                         (default 5 per 3600).
#   TRUSTED_PROXY_COUNT   proxies in front that append to X-Forwarded-For (default 0).
#
# Scheduled publishing needs no cron: gunicorn's master (gunicorn.conf.py, named in CMD) starts
# ONE `python manage.py run_scheduler` process beside its workers and stops it on SIGTERM.
# Several containers each run one; a PostgreSQL advisory lock lets one publish at a time.

# ---- builder: dependencies into a self-contained venv ---------------------------------------
FROM python:3.11-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir -r /tmp/requirements.txt

# ---- final: venv + app, non-root ------------------------------------------------------------
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=symbiose.settings.production \
    DATABASE_URL=sqlite:////app/data/db.sqlite3 \
    MEDIA_ROOT=/app/media \
    SNAPSHOT_ROOT=/app/site-snapshot \
    PORT=8000

# WeasyPrint (the brochure) needs Pango for text layout and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
# `manage.py backup` and `restore` run pg_dump and pg_restore (Debian's client, newer than or
# as new as the server: pg_dump refuses a newer server).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# App code stays root-owned (read-only for the app user).
COPY . /app

# Static files are collected (hashed + compressed for WhiteNoise) at build time; the key is a
# throwaway that exists only for this RUN line.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && mkdir -p /app/data /app/media /app/site-snapshot \
    && chown app:app /app/data /app/media /app/site-snapshot

# /app/site-snapshot: the static copy for when the app is down (README, Når appen er nede),
# written by the scheduler; mount it where the web server in front can read it.
VOLUME ["/app/data", "/app/media", "/app/site-snapshot"]

USER 10001:10001
EXPOSE 8000

# Uses the first ALLOWED_HOSTS entry as Host so the check still passes when ALLOWED_HOSTS
# does not list 127.0.0.1. /healthz (liveness: the process answers, no dependency asked) is
# answered before the HTTPS redirect and the host check; /readyz (PostgreSQL and Redis) is for
# a load balancer's readiness check, not for restarting the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os,sys,urllib.request as u;h=(os.environ.get('ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('.');h='localhost' if h in ('','*') else h;r=u.urlopen(u.Request('http://127.0.0.1:%s/healthz'%os.environ.get('PORT','8000'),headers={'Host':h}),timeout=4);sys.exit(0 if r.status==200 else 1)"]

# --forwarded-allow-ips "*": TLS is terminated by the reverse proxy in front of this container
# and the container port must only be reachable from that proxy, so gunicorn trusts its
# X-Forwarded-* headers from any peer address.
# --no-control-socket: gunicorn 25+ otherwise tries to create $HOME/.gunicorn/gunicorn.ctl, and
# the app user's home (/app) is read-only; `exec` makes gunicorn PID 1 so it gets SIGTERM (and
# stops the scheduler). --config gunicorn.conf.py (copied with the app code): the scheduler.
CMD ["sh", "-c", "exec gunicorn symbiose.wsgi:application --config gunicorn.conf.py --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --worker-tmp-dir /dev/shm --no-control-socket --access-logfile - --forwarded-allow-ips '*'"]
