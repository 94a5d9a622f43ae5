"""Web UI sessions and CSRF through the app (real key store, SQLite; the engine is the fake)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient
from sqlalchemy.orm import sessionmaker

from gateway.app import create_app
from gateway.db import make_engine, upgrade
from gateway.keys import KeyStore, load_secret
from gateway.settings import Settings
from tests.unit.gateway.fake_engine import FakeEngine

CHAT = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[TestClient, KeyStore, Path]]:  # type: ignore[type-arg]
    url = f"sqlite:///{tmp_path}/enclave.db"
    upgrade(url)
    store = KeyStore(sessionmaker(make_engine(url)), load_secret(None, tmp_path / "secret.key"))
    app = create_app(Settings(data_dir=tmp_path), engine_factory=lambda s: FakeEngine(["a"]))
    with TestClient(app) as client:
        yield client, store, tmp_path


def form_csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the form has a CSRF field"
    return found.group(1)


def sign_in(client: TestClient, key: str, **extra: str) -> object:  # type: ignore[type-arg]
    csrf = form_csrf(client.get("/login").text)
    return client.post("/login", data={"csrf": csrf, "key": key, **extra}, follow_redirects=False)


def test_sign_in_sets_an_httponly_strict_cookie_and_lands_by_role(world) -> None:
    client, store, _ = world
    r = sign_in(client, store.create("c", "compliance")[0])
    cookie = r.headers["set-cookie"]  # type: ignore[attr-defined]
    assert r.status_code == 303 and r.headers["location"] == "/audit"  # type: ignore[attr-defined]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Secure" not in cookie


def test_cookie_is_secure_behind_an_https_proxy(world) -> None:
    client, store, _ = world
    csrf = form_csrf(client.get("/login").text)
    r = client.post(
        "/login",
        data={"csrf": csrf, "key": store.create("u", "user")[0]},
        headers={"X-Forwarded-Proto": "https"},
        follow_redirects=False,
    )
    assert "Secure" in r.headers["set-cookie"]


def test_session_posts_need_the_csrf_token(world) -> None:
    client, store, _ = world
    sign_in(client, store.create("u", "user", ("staff",))[0])
    refused = client.post("/v1/chat/completions", json=CHAT)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    csrf = form_csrf(client.get("/").text)
    assert client.post("/v1/chat/completions", json=CHAT, headers={"X-CSRF-Token": csrf}).is_success


def test_revoking_the_key_ends_its_sessions_at_once(world) -> None:
    client, store, _ = world
    key, info = store.create("u", "user")
    sign_in(client, key)
    assert client.get("/v1/models").status_code == 200
    store.revoke(info.id)
    r = client.get("/v1/models")
    assert r.status_code == 401 and r.json()["error"]["code"] == "revoked_api_key"
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")


def test_sign_out_deletes_the_session_and_only_its_hash_was_stored(world) -> None:
    client, store, data = world
    sign_in(client, store.create("u", "user")[0])
    token = client.cookies.get("enclave_session")
    with sqlite3.connect(data / "enclave.db") as conn:
        stored = conn.execute("SELECT id FROM ui_sessions").fetchall()
    assert len(stored) == 1 and token not in str(stored)
    client.post("/logout", data={"csrf": form_csrf(client.get("/").text)}, follow_redirects=False)
    client.cookies.set("enclave_session", token)  # a copy kept by someone
    assert client.get("/v1/models").status_code == 401


def test_wrong_key_is_a_401_page_and_a_denied_event(world) -> None:
    client, _, data = world
    r = sign_in(client, "enc_00000000_" + "A" * 32)
    assert r.status_code == 401 and "Incorrect API key" in r.text  # type: ignore[attr-defined]
    with sqlite3.connect(data / "enclave.db") as conn:
        rows = conn.execute("SELECT action, outcome, detail FROM audit_events").fetchall()
    assert rows == [("ui.login", "denied", '{"error":"invalid_api_key"}')]


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil"])
def test_sign_in_never_redirects_off_site(world, target: str) -> None:
    client, store, _ = world
    r = sign_in(client, store.create("u", "user")[0], next=target)
    assert r.headers["location"] == "/"  # type: ignore[attr-defined]


def test_pages_carry_a_strict_content_security_policy(world) -> None:
    client, store, _ = world
    sign_in(client, store.create("u", "user")[0])
    for path in ("/login", "/"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp


def test_login_form_without_its_double_submit_token_is_refused(world) -> None:
    client, store, _ = world
    client.get("/login")
    r = client.post(
        "/login",
        data={"csrf": "forged", "key": store.create("u", "user")[0]},
        follow_redirects=False,
    )
    assert r.status_code == 403 and "enclave_session" not in r.headers.get("set-cookie", "")


def test_another_apps_odd_cookie_on_the_host_does_not_hide_the_session(world) -> None:
    client, store, _ = world
    sign_in(client, store.create("u", "user")[0])
    token = client.cookies.get("enclave_session")
    client.cookies.clear()
    headers = {"Cookie": f'pref={{"theme":"dark"}}; other=a b; enclave_session={token}'}
    assert client.get("/", headers=headers, follow_redirects=False).status_code == 200


def test_a_refusal_page_still_shows_who_is_signed_in_and_the_way_home(world) -> None:
    client, store, _ = world
    sign_in(client, store.create("c", "compliance")[0])
    r = client.get("/admin")
    assert r.status_code == 403 and "Sign out" in r.text and 'href="/audit"' in r.text


def test_an_expired_sign_in_form_gives_a_fresh_one_that_works(world) -> None:
    client, store, _ = world
    key = store.create("u", "user")[0]
    client.get("/login")
    stale = client.post("/login", data={"csrf": "old", "key": key, "next": "/?x=1"})
    assert stale.status_code == 403 and 'value="/?x=1"' in stale.text
    retry = client.post(
        "/login",
        data={"csrf": form_csrf(stale.text), "key": key, "next": "/?x=1"},
        follow_redirects=False,
    )
    assert retry.status_code == 303 and retry.headers["location"] == "/?x=1"
