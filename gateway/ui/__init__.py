"""The web UI: server-rendered pages (Jinja, autoescaped) and small vendored scripts."""
