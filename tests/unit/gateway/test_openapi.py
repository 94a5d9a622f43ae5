"""The generated OpenAPI schema describes the bodies handlers decode themselves."""

from __future__ import annotations

from pathlib import Path

from litestar.testing import TestClient

from gateway.app import create_app
from tests.conftest import provision
from tests.unit.gateway.fake_engine import FakeEngine
from tests.unit.gateway.test_app import settings


def test_openapi_schema_describes_self_decoded_bodies_and_audit_filters(tmp_path: Path) -> None:
    provision(tmp_path)  # a migrated database
    app = create_app(settings(tmp_path), engine_factory=lambda s: FakeEngine(["a"]))
    with TestClient(app) as client:
        r = client.get("/schema/openapi.json")  # no key needed
    assert r.status_code == 200
    paths = r.json()["paths"]
    chat = paths["/v1/chat/completions"]["post"]["requestBody"]["content"]["application/json"]
    assert set(chat["schema"]["required"]) == {"model", "messages"}
    assert "$ref" not in str(chat)  # msgspec's $defs are inlined
    upload = paths["/v1/collections/{name}/documents"]["post"]["requestBody"]["content"]
    assert upload["multipart/form-data"]["schema"]["required"] == ["file"]
    for path, method in [("/v1/admin/keys", "post"), ("/v1/collections", "post")]:
        assert "application/json" in paths[path][method]["requestBody"]["content"]
    assert "requestBody" in paths["/v1/safety/check"]["post"]
    query = {p["name"] for p in paths["/v1/audit/events"]["get"]["parameters"]}
    assert {"limit", "cursor", "since", "until", "actor", "decision", "q"} <= query
