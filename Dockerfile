# Enclave gateway image (CPU). Multi-stage: compile llama-cpp-python portably in
# a build stage, ship only the virtualenv in a slim, non-root runtime stage.
# The compose issue extends this (CUDA variant, PostgreSQL, Chroma server).
FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ARG ENCLAVE_LLAMA_CMAKE_ARGS=""
COPY scripts/build-llama scripts/build-llama
RUN python -m venv /opt/enclave \
 && ENCLAVE_LLAMA_CMAKE_ARGS="${ENCLAVE_LLAMA_CMAKE_ARGS}" scripts/build-llama /opt/enclave/bin/python
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY engine engine
COPY retrieval retrieval
COPY safety safety
COPY migrations migrations
RUN /opt/enclave/bin/pip install --no-cache-dir .

FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data enclave \
 && mkdir -p /data && chown enclave /data
COPY --from=build /opt/enclave /opt/enclave
USER enclave
ENV PATH=/opt/enclave/bin:$PATH \
    ENCLAVE_DATA_DIR=/data \
    ENCLAVE_SERVER__HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz')"
CMD ["sh", "-c", "enclave db upgrade && exec enclave serve"]
