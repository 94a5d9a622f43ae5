"""Model load = check-and-patch the GGUF, then open it with the planned settings.

Every load goes through `engine.attention_report.assess`: a model whose
attention setup is wrong, or that does not fit in memory, is refused with the
report's reason instead of loading and answering subtly wrong; a recognised
model with a missing or wrong key is loaded with llama.cpp kv_overrides, and
each patch is logged.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import subprocess
from typing import TYPE_CHECKING, Any

from engine.errors import EngineError

if TYPE_CHECKING:
    from engine.attention_report import AttentionReport
    from engine.llama import LlamaOptions

log = logging.getLogger("enclave.engine")


class ModelCheckFailed(EngineError):
    """The attention check or the memory plan refused the model."""


def gpu_free_bytes() -> int | None:
    """Free memory of the first NVIDIA GPU, from nvidia-smi; None when there is none."""
    if shutil.which("nvidia-smi") is None:
        return None
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=memory.free", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        return int(out.split()[0]) * 1024 * 1024
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def assess_options(options: LlamaOptions) -> AttentionReport:
    from engine.attention_report import assess

    offload = options.n_gpu_layers != 0
    available = (options.gpu_memory_bytes or gpu_free_bytes()) if offload else None
    if offload and available is None:
        raise ModelCheckFailed(
            "n_gpu_layers is set but the GPU's free memory is unknown (no nvidia-smi); "
            "set ENCLAVE_ENGINE__GPU_MEMORY_BYTES"
        )
    return assess(
        options.model_path,
        n_ctx=options.n_ctx,
        offload=offload,
        available_bytes=available,
        swa_full=options.swa_full is not False,
    )


def plan_load(options: LlamaOptions) -> tuple[LlamaOptions, dict[str, Any]]:
    """Options as planned and the extra llama.cpp arguments, or ModelCheckFailed."""
    report = assess_options(options)
    for patch in report.patches:
        log.warning("model patched at load: %s = %r (%s)", patch.key, patch.value, patch.reason)
    if not report.ok:
        problems = [c.message for c in report.errors]
        if not report.memory.fits:
            problems.append(report.memory.message)
        raise ModelCheckFailed(
            f"{options.model_path.name} refused: "
            + "; ".join(problems)
            + " (run `enclave model check` for the full report)"
        )
    extra = report.llama_kwargs
    planned = dataclasses.replace(options, n_ctx=extra["n_ctx"], swa_full=extra["swa_full"])
    return planned, {k: v for k, v in extra.items() if k not in ("n_ctx", "swa_full")}
