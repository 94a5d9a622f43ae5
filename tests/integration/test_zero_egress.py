"""Nothing leaves the machine: the end-to-end suite passes in a network namespace that has
only a loopback interface, and no Python process in it even tries to reach elsewhere.

`unshare -n` gives the suite (the live gateways it starts, their workers, Presidio,
sentence-transformers, Chroma, tldextract, tiktoken, Playwright's chromium) no route
out, so a download would fail; some libraries swallow such failures (telemetry), so a
`sitecustomize` audit hook in every Python process also records each attempt to resolve
or connect to a non-loopback address, and the test requires that record to be empty.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOK = """
import os, sys
_log = os.environ.get("ENCLAVE_EGRESS_LOG")
if _log:
    import ipaddress

    def _outside(host):
        if host is None or host in ("localhost", ""):
            return False
        try:
            return not ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return True  # a name to resolve: that is a lookup outside already

    def _hook(event, args):
        if event == "socket.connect" and isinstance(args[1], tuple) and _outside(args[1][0]):
            target = args[1][0]
        elif event == "socket.getaddrinfo" and _outside(args[0]):
            target = args[0]
        else:
            return
        with open(_log, "a") as out:
            out.write(f"{os.getpid()} {event} {target} {sys.argv[:2]}\\n")

    sys.addaudithook(_hook)
"""


def hooked(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose Python processes record every attempt to leave loopback."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.fail("needs root and unshare (util-linux) to make a loopback-only namespace")
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(HOOK)
    log = tmp_path / "egress.log"
    return {**os.environ, "PYTHONPATH": f"{hook_dir}:{ROOT}", "ENCLAVE_EGRESS_LOG": str(log)}, log


def test_the_egress_recorder_sees_a_lookup_and_a_connection(tmp_path: Path) -> None:
    """The check below is only as good as this: an attempt is recorded even when it fails."""
    env, log = hooked(tmp_path)
    probe = (
        "import socket\n"
        "for target in (('10.255.255.1', 443), ('huggingface.co', 443)):\n"
        "    try: socket.create_connection(target, timeout=1)\n"
        "    except OSError: pass\n"
    )
    subprocess.run(["unshare", "-n", sys.executable, "-c", probe], env=env, timeout=60, check=True)
    recorded = log.read_text()
    assert "10.255.255.1" in recorded and "huggingface.co" in recorded


def test_the_end_to_end_suite_passes_with_only_loopback_and_nothing_tries_to_leave(
    tmp_path: Path,
) -> None:
    env, log = hooked(tmp_path)
    inner = (
        f"ip link set lo up && exec {sys.executable} -m pytest -q -p no:cacheprovider -x tests/e2e"
    )
    result = subprocess.run(
        ["unshare", "-n", "sh", "-c", inner],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "passed" in result.stdout
    attempts = log.read_text() if log.exists() else ""
    assert attempts == "", f"tried to reach outside loopback:\n{attempts}"
