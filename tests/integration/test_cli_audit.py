"""`enclave audit verify|export|prune` and the events shell commands leave, as an operator
runs them (subprocesses on a SQLite data directory)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.integration.test_cli import enclave


@pytest.fixture
def data(tmp_path: Path) -> dict[str, str]:
    env = {"ENCLAVE_DATA_DIR": str(tmp_path)}
    assert enclave("db", "upgrade", env=env).returncode == 0
    return env


def rows(env: dict[str, str], sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(Path(env["ENCLAVE_DATA_DIR"]) / "enclave.db") as conn:
        return conn.execute(sql).fetchall()


def test_key_commands_are_chained_as_operator_events_without_the_key(
    data: dict[str, str],
) -> None:
    made = enclave("keys", "create", "--name", "bob", "--role", "user", env=data)
    key = made.stdout.strip().splitlines()[-1]
    key_id = made.stdout.split()[1]
    assert enclave("keys", "revoke", key_id, env=data).returncode == 0
    events = rows(data, "SELECT action, actor_name, role, detail FROM audit_events ORDER BY id")
    assert [e[0] for e in events] == ["key.create", "key.revoke"]
    assert events[0][1].startswith("cli:") and events[0][2] == "operator"  # type: ignore[union-attr]
    assert json.loads(events[0][3])["key_id"] == key_id  # type: ignore[arg-type]
    assert key not in json.dumps(rows(data, "SELECT * FROM audit_events"))


def test_verify_says_ok_then_names_the_edited_event_and_exits_1(data: dict[str, str]) -> None:
    for name in ("a", "b", "c"):
        enclave("keys", "create", "--name", name, "--role", "user", env=data)
    ok = enclave("audit", "verify", env=data)
    assert ok.returncode == 0 and json.loads(ok.stdout) == {
        "ok": True, "checked": 3, "first_bad_id": None, "reason": None
    }  # fmt: skip
    with sqlite3.connect(Path(data["ENCLAVE_DATA_DIR"]) / "enclave.db") as conn:
        conn.execute("UPDATE audit_events SET role = 'admin' WHERE id = 2")
    bad = enclave("audit", "verify", env=data)
    assert bad.returncode == 1 and json.loads(bad.stdout)["first_bad_id"] == 2


def test_export_writes_jsonl_and_csv_with_filters(data: dict[str, str], tmp_path: Path) -> None:
    for name in ("a", "b"):
        enclave("keys", "create", "--name", name, "--role", "user", env=data)
    out = enclave("audit", "export", "--action", "key.create", env=data)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [e["action"] for e in lines] == ["key.create", "key.create"]
    target = tmp_path / "audit.csv"
    assert (
        enclave("audit", "export", "--format", "csv", "-o", str(target), env=data).returncode == 0
    )
    text = target.read_text().splitlines()
    # the header, two keys, the first export and this one (recorded before it runs)
    assert text[0].startswith("id,time,request_id") and len(text) == 1 + 4
    assert rows(data, "SELECT count(*) FROM audit_events WHERE action = 'audit.export'") == [(2,)]


def test_prune_keeps_the_chain_verifiable_and_records_itself(data: dict[str, str]) -> None:
    for name in ("a", "b", "c"):
        enclave("keys", "create", "--name", name, "--role", "user", env=data)
    now = datetime.now(UTC).isoformat()
    assert enclave("audit", "prune", "--before", "2999-01-01", "--yes", env=data).returncode == 2
    done = enclave("audit", "prune", "--before", now, "--yes", env=data)
    assert done.returncode == 0 and "pruned 3 events" in done.stdout
    assert rows(data, "SELECT action FROM audit_events") == [("audit.prune",)]
    assert json.loads(enclave("audit", "verify", env=data).stdout)["ok"] is True


def test_prune_with_a_bad_date_is_a_clear_error(data: dict[str, str]) -> None:
    bad = enclave("audit", "prune", "--before", "someday", "--yes", env=data)
    assert bad.returncode == 2 and "not an ISO date" in bad.stderr


def test_audit_on_an_unmigrated_database_says_which_command_to_run(tmp_path: Path) -> None:
    result = enclave("audit", "verify", env={"ENCLAVE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1 and "enclave db upgrade" in result.stderr


def test_a_shell_with_another_audit_key_is_refused_and_the_chain_stays_whole(
    data: dict[str, str],
) -> None:
    enclave("keys", "create", "--name", "a", "--role", "user", env=data)
    other = {**data, "ENCLAVE_AUDIT__HMAC_KEY": "another-key-of-enough-length"}
    made = enclave("keys", "create", "--name", "b", "--role", "user", env=other)
    assert made.returncode == 1 and "not the one the chain was written with" in made.stderr
    assert made.stdout.strip().splitlines()[-1].startswith("enc_")  # the key was still shown
    assert json.loads(enclave("audit", "verify", env=data).stdout)["ok"] is True
