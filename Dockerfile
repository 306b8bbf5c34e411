# The hub's image: API (`hub serve`), worker (`hub worker`) and one-shots (`hub migrate`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system hub \
    && useradd --system --gid hub --home-dir /app --no-create-home --shell /usr/sbin/nologin hub

# LibreOffice and CJK fonts: PDFs of the notices (the worker renders them; without these the
# hub makes DOCX only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, in their own layer, so a code change does not reinstall them.
COPY pyproject.toml README.md* ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY hub/ hub/
RUN pip install .

COPY doc_templates/ doc_templates/

# storage/ is the embedded default's data directory (relative to the working directory).
RUN mkdir -p storage/objects && chown -R hub:hub storage

USER hub

EXPOSE 8000

# Ready: the API answers and reaches its database and object store (compose's worker overrides it).
HEALTHCHECK --interval=10s --timeout=7s --start-period=20s --retries=6 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=5)"]

CMD ["hub", "serve", "--host", "0.0.0.0", "--port", "8000"]
