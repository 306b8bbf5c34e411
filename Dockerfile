# The hub's image: API (`hub serve`), worker (`hub worker`) and one-shots (`hub migrate`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/opt/hub \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    PATH=/opt/hub/bin:$PATH

RUN groupadd --system hub \
    && useradd --system --gid hub --home-dir /app --no-create-home --shell /usr/sbin/nologin hub

# LibreOffice and CJK fonts: PDFs of the notices (the worker renders them; without these the
# hub makes DOCX only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, in their own layer, so a code change does not reinstall them: exactly
# the versions of uv.lock (--frozen: the lock is the truth, never re-resolved), without the dev
# extra. uv is the version the lock pins, installed with pip (the image's only pip install).
COPY pyproject.toml uv.lock README.md ./
RUN pip install "uv==$(sed -n '/^name = "uv"$/{n;s/^version = "\(.*\)"$/\1/p;}' uv.lock)" \
    && uv sync --frozen --no-install-project

COPY hub/ hub/
RUN uv sync --frozen --no-editable

COPY doc_templates/ doc_templates/

# storage/ is the embedded default's data directory (relative to the working directory).
RUN mkdir -p storage/objects && chown -R hub:hub storage

USER hub

EXPOSE 8000

# Ready: the API answers and reaches its database and object store (compose's worker overrides it).
HEALTHCHECK --interval=10s --timeout=7s --start-period=20s --retries=6 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=5)"]

CMD ["hub", "serve", "--host", "0.0.0.0", "--port", "8000"]
