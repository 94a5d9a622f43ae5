# Enclave gateway image. Multi-stage: compile llama-cpp-python in a build stage, ship only
# the virtualenv in a slim, non-root runtime stage.
#   CPU (default): llama.cpp built portably (AVX2/AVX512, AMX off; see scripts/build-llama).
#   ENCLAVE_GPU=cuda: NVIDIA's CUDA 12 toolkit from its Debian 12 repository, llama.cpp
#   built with -DGGML_CUDA=on; the runtime stage carries only the CUDA runtime and cuBLAS.
FROM python:3.11-slim-bookworm AS build
ARG ENCLAVE_GPU=""
ARG ENCLAVE_LLAMA_CMAKE_ARGS=""
COPY scripts/cuda-repo /usr/local/bin/cuda-repo
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake \
 && if [ "$ENCLAVE_GPU" = cuda ]; then cuda-repo \
      && apt-get install -y --no-install-recommends cuda-nvcc-12-6 cuda-cudart-dev-12-6 \
         libcublas-dev-12-6; fi \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY scripts/build-llama scripts/build-nlp scripts/patch-nlp.py scripts/
RUN python -m venv /opt/enclave \
 && if [ "$ENCLAVE_GPU" = cuda ]; then \
      export PATH=/usr/local/cuda-12.6/bin:$PATH \
             ENCLAVE_LLAMA_CMAKE_ARGS="${ENCLAVE_LLAMA_CMAKE_ARGS:--DGGML_CUDA=on -DGGML_NATIVE=OFF}"; \
    fi \
 && ENCLAVE_LLAMA_CMAKE_ARGS="${ENCLAVE_LLAMA_CMAKE_ARGS}" scripts/build-llama /opt/enclave/bin/python \
 && scripts/build-nlp /opt/enclave/bin/python
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY engine engine
COPY retrieval retrieval
COPY safety safety
COPY migrations migrations
RUN /opt/enclave/bin/pip install --no-cache-dir .

FROM python:3.11-slim-bookworm
ARG ENCLAVE_GPU=""
COPY scripts/cuda-repo /usr/local/bin/cuda-repo
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 \
 && if [ "$ENCLAVE_GPU" = cuda ]; then cuda-repo \
      && apt-get install -y --no-install-recommends cuda-cudart-12-6 libcublas-12-6; fi \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data enclave \
 && mkdir -p /data && chown enclave /data
COPY --from=build /opt/enclave /opt/enclave
USER enclave
ENV PATH=/opt/enclave/bin:$PATH \
    LD_LIBRARY_PATH=/usr/local/cuda-12.6/lib64 \
    HF_HUB_OFFLINE=1 \
    ENCLAVE_DATA_DIR=/data \
    ENCLAVE_SERVER__HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz')"
CMD ["sh", "-c", "enclave db upgrade && exec enclave serve"]
