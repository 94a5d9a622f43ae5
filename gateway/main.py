"""The ASGI application factory uvicorn imports in each worker process.

Each worker builds its own Settings from the environment (and the TOML file
named by ENCLAVE_CONFIG_FILE, which `enclave serve --config` sets), so every
worker of one `enclave serve` runs the same configuration.
"""

from __future__ import annotations

from litestar import Litestar

from gateway.app import create_app
from gateway.settings import load_settings


def app() -> Litestar:
    return create_app(load_settings())
