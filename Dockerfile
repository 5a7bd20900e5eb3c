# The app image: web (gunicorn), worker and beat all run from it with another command.
FROM python:3.11-slim-bookworm

# WeasyPrint needs pango; DejaVu has the glyphs of Dutch text (ĳ, é, €).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /bin/uv

ENV PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:$PATH" \
    STATIC_ROOT=/app/staticfiles \
    VAR_DIR=/app/var

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project

COPY . .

# Static files with their manifest, served by the app itself (WhiteNoise). The key is only
# for this build step; the real one comes from the environment at run time.
RUN DEBUG=false SECRET_KEY=build-only-not-used-at-run-time ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin samenspel \
    && mkdir -p /app/var \
    && chown samenspel /app/var
USER samenspel

EXPOSE 8000
CMD ["gunicorn", "samenspel.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", \
     "--access-logfile", "-", "--no-control-socket"]
