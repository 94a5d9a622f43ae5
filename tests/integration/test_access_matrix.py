"""Every endpoint x every role x every key state, against the real key store (SQLite).

The engine is the in-process fake (this is about the gateway's guard, not
the model); keys, hashing, the middleware and the database are the real
ones. A new endpoint without an ACCESS entry fails create_app, and one
missing from ENDPOINTS below fails test_matrix_covers_every_route.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from litestar.testing import TestClient
from sqlalchemy.orm import sessionmaker

from gateway.access import ACCESS, ADMIN, COMPLIANCE, EVERYONE, PUBLIC, STAFF
from gateway.app import create_app
from gateway.db import make_engine, upgrade
from gateway.keys import KeyStore, load_secret
from gateway.settings import Settings
from tests.unit.gateway.fake_engine import FakeEngine

CHAT = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2}
ENDPOINTS = {  # handler name -> (method, path, json body)
    "healthz": ("GET", "/healthz", None),
    "readyz": ("GET", "/readyz", None),
    "chat_completions": ("POST", "/v1/chat/completions", CHAT),
    "list_models": ("GET", "/v1/models", None),
    "retrieve_model": ("GET", "/v1/models/fake-model", None),
    "metrics": ("GET", "/metrics", None),
    "list_keys": ("GET", "/v1/admin/keys", None),
    "create_key": ("POST", "/v1/admin/keys", {"name": "new", "role": "user"}),
    "revoke_key": ("DELETE", "/v1/admin/keys/{victim}", None),
    "create_collection": ("POST", "/v1/collections", {"name": "{fresh}", "read_groups": ["staff"]}),
    "list_collections": ("GET", "/v1/collections", None),
    "delete_collection": ("DELETE", "/v1/collections/{fresh_existing}", None),
    "list_documents": ("GET", "/v1/collections/shared/documents", None),
    "upload_document": ("POST", "/v1/collections/shared/documents", "FILE"),
    "delete_document": ("DELETE", "/v1/collections/shared/documents/{doc}", None),
    "safety_check": ("POST", "/v1/safety/check", {"text": "hello", "direction": "input"}),
    "get_policy": ("GET", "/v1/safety/policy", None),
    "reload_policy": ("POST", "/v1/safety/policy/reload", None),
    "audit_events": ("GET", "/v1/audit/events", None),
    "audit_event": ("GET", "/v1/audit/events/1", None),
    "audit_export": ("GET", "/v1/audit/export?format=csv", None),
    "audit_verify": ("POST", "/v1/audit/verify", None),
    "login_page": ("GET", "/login", None),
    "login": ("POST", "/login", "FORM"),
    "logout": ("POST", "/logout", "FORM"),
    "static_file": ("GET", "/static/app.css", None),
    "chat_page": ("GET", "/", None),
    "get_passage": ("GET", "/v1/collections/shared/chunks/nope", None),
    "audit_page": ("GET", "/audit", None),
    "audit_event_page": ("GET", "/audit/events/1", None),
    "audit_verify_page": ("POST", "/audit/verify", "FORM"),
    "admin_page": ("GET", "/admin", None),
    "admin_create_key": ("POST", "/admin/keys", "FORM"),
    "admin_revoke_key": ("POST", "/admin/keys/{victim}/revoke", "FORM"),
    "admin_create_collection": ("POST", "/admin/collections", "FORM"),
}
# Pages answer a missing or bad key with a redirect to sign-in (303), not a JSON 401.
PAGES = {
    "login",
    "logout",
    "chat_page",
    "audit_page",
    "audit_event_page",
    "audit_verify_page",
    "admin_page",
    "admin_create_key",
    "admin_revoke_key",
    "admin_create_collection",
}
FIXED = {"login": 403, "logout": 303}  # no CSRF token in the form; sign-out always leaves
STATES = ["none", "malformed", "unknown", "revoked", "expired", "user", "compliance", "admin"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict, KeyStore]]:
    data = tmp_path_factory.mktemp("matrix")
    url = f"sqlite:///{data}/enclave.db"
    upgrade(url)
    store = KeyStore(sessionmaker(make_engine(url)), load_secret(None, data / "secret.key"))
    keys = {
        role: store.create(role, role, ("staff",))[0] for role in ("user", "compliance", "admin")
    }
    revoked, info = store.create("gone", "admin")
    store.revoke(info.id)
    keys["revoked"] = revoked
    keys["expired"] = store.create("old", "admin", (), datetime.now(UTC) - timedelta(days=1))[0]
    keys["unknown"] = "enc_deadbeef_" + "Z" * 32
    keys["malformed"] = "not-a-key"
    settings = Settings(
        data_dir=data,
        limits={r: {"requests_per_minute": None} for r in ("user", "compliance", "admin")},
    )
    app = create_app(settings, engine_factory=lambda s: FakeEngine(["a", "b"]))
    with TestClient(app) as client:
        admin = {"Authorization": f"Bearer {keys['admin']}"}
        made = client.post(
            "/v1/collections",
            headers=admin,
            json={"name": "shared", "read_groups": ["staff"], "write_groups": ["staff"]},
        )
        assert made.status_code == 201, made.text
        yield client, keys, store


def expected(handler: str, state: str) -> int:
    if handler in FIXED:
        return FIXED[handler]
    code = _expected(handler, state)
    return 303 if handler in PAGES and code == 401 else code


def _expected(handler: str, state: str) -> int:
    roles = ACCESS[handler]
    if roles == PUBLIC:
        return 200
    if state not in ("user", "compliance", "admin"):
        return 401
    if state not in roles:
        return 403
    if handler == "get_passage":
        return 404  # allowed, and no such passage
    if handler in ("admin_create_key", "admin_create_collection"):
        return 400  # allowed; the matrix's form lacks the fields (the page says which)
    if handler == "admin_revoke_key":
        return 303  # done, back to the admin page
    return 201 if handler in ("create_key", "create_collection", "upload_document") else 200


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("handler", list(ENDPOINTS))
def test_endpoint_role_and_key_state_give_expected_status(world, handler: str, state: str) -> None:
    client, keys, store = world
    method, path, body = ENDPOINTS[handler]
    admin = {"Authorization": f"Bearer {keys['admin']}"}
    fresh = f"c-{handler[:6]}-{state}".replace("_", "-")
    if "{victim}" in path:
        path = path.format(victim=store.create("victim", "user")[1].id)
    if "{fresh_existing}" in path:
        client.post("/v1/collections", headers=admin, json={"name": fresh})
        path = path.format(fresh_existing=fresh)
    if "{doc}" in path:
        up = client.post(
            "/v1/collections/shared/documents",
            headers=admin,
            files={"file": (f"{fresh}.txt", f"Note {fresh}: lunch at noon.".encode())},
        )
        path = path.format(doc=up.json()["id"])
    if isinstance(body, dict) and body.get("name") == "{fresh}":
        body = {**body, "name": fresh}
    headers = {}
    if state != "none":
        headers["Authorization"] = f"Bearer {keys[state]}"
    if body == "FORM":
        r = client.request(method, path, data={"key": "x"}, headers=headers, follow_redirects=False)
    elif body == "FILE":
        files = {"file": (f"{fresh}.md", f"# {fresh}\n\nThe office opens at 8.".encode())}
        r = client.request(method, path, files=files, headers=headers)
    else:
        r = client.request(method, path, json=body, headers=headers, follow_redirects=False)
    assert r.status_code == expected(handler, state), r.text
    if r.status_code in (401, 403) and handler not in PAGES:
        error = r.json()["error"]
        assert set(error) == {"message", "type", "param", "code"}
        assert keys.get(state, "") not in r.text or state == "none"


def test_matrix_covers_every_route(world) -> None:
    """The OpenAPI schema's own routes are Litestar's (public, gateway.openapi)."""
    client, _, _ = world
    names = {
        r.handler_name
        for route in client.app.routes
        if not route.path.startswith("/schema")
        for r in route.route_handlers
    }
    assert names - {"options_handler"} == set(ENDPOINTS) == set(ACCESS)


@pytest.mark.parametrize("path", ["/schema", "/schema/openapi.json"])
def test_openapi_schema_is_public_json(world, path: str) -> None:
    client, _, _ = world
    r = client.get(path)
    assert r.status_code == 200 and r.json()["openapi"].startswith("3.")


def test_framework_options_handler_is_closed_too(world) -> None:
    """Litestar adds OPTIONS handlers itself; having no ACCESS entry, they fail closed."""
    client, _, _ = world
    assert client.options("/v1/models").status_code == 403


def test_access_table_uses_known_role_sets() -> None:
    assert set(ACCESS.values()) <= {PUBLIC, EVERYONE, STAFF, ADMIN, COMPLIANCE}


def test_wrong_auth_scheme_is_401(world) -> None:
    client, keys, _ = world
    r = client.get("/v1/models", headers={"Authorization": f"Basic {keys['admin']}"})
    assert r.status_code == 401


def test_revoked_key_stops_working_immediately(world) -> None:
    client, _, store = world
    key, info = store.create("temp", "user")
    assert client.get("/v1/models", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    store.revoke(info.prefix)
    r = client.get("/v1/models", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "revoked_api_key"


@pytest.mark.parametrize("value", [2**31, 2**63, 10**28])
def test_create_key_limit_beyond_the_column_is_400_naming_it(world, value: int) -> None:
    """The fuzzer's case: 10**28 tokens per day was a 500 from the database."""
    client, keys, _ = world
    body = {"name": "big", "role": "user", "limits": {"tokens_per_day": value}}
    r = client.post(
        "/v1/admin/keys", json=body, headers={"Authorization": f"Bearer {keys['admin']}"}
    )
    assert r.status_code == 400, r.text
    assert "limits.tokens_per_day" in r.json()["error"]["message"]


def test_admin_endpoints_create_list_revoke_and_never_list_the_key(world) -> None:
    client, keys, _ = world
    admin = {"Authorization": f"Bearer {keys['admin']}"}
    made = client.post(
        "/v1/admin/keys",
        json={
            "name": "ops",
            "role": "compliance",
            "groups": ["audit"],
            "limits": {"requests_per_minute": 5},
        },
        headers=admin,
    ).json()
    listing = client.get("/v1/admin/keys", headers=admin)
    assert made["key"] not in listing.text
    assert any(
        k["id"] == made["id"] and k["limits"]["requests_per_minute"] == 5
        for k in listing.json()["data"]
    )
    gone = client.delete(f"/v1/admin/keys/{made['prefix']}", headers=admin).json()
    assert gone["status"] == "revoked"
    assert client.delete("/v1/admin/keys/key_nope", headers=admin).status_code == 404
    bad = client.post("/v1/admin/keys", json={"name": "x", "role": "root"}, headers=admin)
    assert bad.status_code == 400
