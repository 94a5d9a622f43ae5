"""`enclave collections` and `enclave ingest` as an operator runs them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.integration.test_cli import enclave as run_cli

DATA = Path(__file__).resolve().parents[1] / "data"


def enclave(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"ENCLAVE_DATA_DIR": str(data_dir)})


def test_ingest_folder_reports_each_file_and_a_summary(tmp_path: Path) -> None:
    assert enclave(tmp_path, "db", "upgrade").returncode == 0
    made = enclave(tmp_path, "collections", "create", "policies", "--read-groups", "staff")
    assert made.returncode == 0, made.stderr
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "leave.md").write_bytes((DATA / "corpus" / "annual_leave_policy.md").read_bytes())
    (docs / "sub" / "manual.pdf").write_bytes(
        (DATA / "corpus" / "aq7_air_quality_monitor_manual.pdf").read_bytes()
    )
    (docs / "sub" / "notes.py").write_text("print('not a document')")
    (docs / ".hidden.md").write_text("# secret draft")
    broken = DATA / "broken" / "truncated.pdf"

    first = enclave(tmp_path, "ingest", str(docs), str(broken), "--collection", "policies")
    assert first.returncode == 1  # the truncated PDF failed
    assert "created" in first.stdout and "leave.md" in first.stdout
    assert "truncated.pdf" in first.stdout and "failed" in first.stdout
    assert "2 created, 0 replaced, 0 unchanged, 1 failed, 1 skipped (3 files)" in first.stdout
    assert ".hidden" not in first.stdout

    again = enclave(tmp_path, "ingest", str(docs), "--collection", "policies")
    assert again.returncode == 0
    assert "0 created, 0 replaced, 2 unchanged, 0 failed, 1 skipped (2 files)" in again.stdout
    listed = enclave(tmp_path, "collections", "list").stdout
    assert "policies  read=staff  write=-" in listed


def test_ingest_into_missing_collection_is_a_clear_error(tmp_path: Path) -> None:
    enclave(tmp_path, "db", "upgrade")
    note = tmp_path / "note.txt"
    note.write_text("hello")
    result = enclave(tmp_path, "ingest", str(note), "--collection", "nope")
    assert result.returncode != 0 and "not found" in result.stderr
