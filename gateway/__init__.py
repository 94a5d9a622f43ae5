"""Enclave gateway: the Litestar app, its settings, the CLI and the HTTP contract."""
