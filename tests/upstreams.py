"""Real OpenAI-compatible upstreams for the remote engine pool: llama-cpp-python's own
server (`python -m llama_cpp.server`) with the Gemma GGUF, on loopback, and a byte-level
TCP relay in front of one that records what the gateway sends it (so a test can prove an
upstream only ever receives placeholders). Used by tests/e2e and bench/load.py."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import free_port, wait_until_up

UPSTREAM_MODEL = "gemma-upstream"


@dataclass
class LlamaUpstream:
    model: Path
    log: Path
    port: int = field(default_factory=free_port)
    n_ctx: int = 2048
    threads: int = 1
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> LlamaUpstream:
        argv = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model), "--model_alias", UPSTREAM_MODEL,
            "--chat_format", "gemma",  # the GGUF has no template llama-cpp-python reads
            "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", str(self.n_ctx), "--n_threads", str(self.threads),
            # By default a new request cuts the running one short (an empty answer); a
            # server in a pool must queue them instead.
            "--interrupt_requests", "False",
        ]  # fmt: skip
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        if wait_until_up(f"{self.url}/v1/models", self.process, timeout):
            return self
        if self.process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited:\n{self.log.read_text()[-2000:]}")
        self.kill()
        raise RuntimeError("llama_cpp.server did not start")

    def kill(self) -> None:
        """SIGKILL: the upstream dies as a crashed or unplugged server would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


class RecordingRelay:
    """Relays TCP connections from a loopback port to a target, recording what clients send."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.sent = bytearray()
        self.events = 0  # streamed answer events ("data: ") relayed back from the upstream
        self.last_event = 0.0  # time.monotonic() when the latest of them passed
        self.connections = 0
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def chat_requests(self) -> int:
        with self._lock:
            return bytes(self.sent).count(b"POST /v1/chat/completions")

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()  # the upstream is down: the client sees the connection drop
                continue
            upstream.settimeout(None)
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, record: bool) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    if record:
                        self.sent += data
                    elif n := data.count(b"data: "):
                        self.events += n
                        self.last_event = time.monotonic()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self._closed = True
        self._server.close()
