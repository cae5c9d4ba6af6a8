# The production image: one image for the web process (gunicorn) and the Celery processes.
# docker-compose.yml shows how they run together; docs/deployment.md explains the settings.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=office.settings.base \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

# Fonts (Noto CJK, Fandol) and WeasyPrint's libraries for PDF exports: the same script as on a
# development machine, without the browser and tools only tests use.
COPY scripts/system-deps.sh /tmp/system-deps.sh
RUN bash /tmp/system-deps.sh --runtime \
    && rm -rf /var/lib/apt/lists/* /tmp/system-deps.sh

RUN useradd --system --create-home --home-dir /home/office --shell /usr/sbin/nologin office \
    && mkdir -p /data/media /data/beat \
    && chown office:office /data/media /data/beat

WORKDIR /app

# Dependencies first, so a code change does not re-install them. The project itself builds
# no package (the code runs from /app), so only the two files are needed here.
COPY pyproject.toml requirements.lock ./
RUN pip install -c requirements.lock . && rm -rf build office.egg-info

COPY . .
# Static files are collected into the image; WhiteNoise serves them. The key only lets the
# settings load: it is never used at run time.
RUN DEBUG=false SECRET_KEY=collectstatic-only-build-time-dummy-key-0123456789abcdefghij \
    python manage.py collectstatic --noinput \
    && chmod +x docker/entrypoint.sh

USER office
VOLUME ["/data/media"]
EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "office.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
