"""The attention report: profile, checks, patches and memory plan for one GGUF.

`assess(path, ...)` is what model load and `enclave model check` call; the
checks themselves live in `engine.attention` as pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.attention import (
    Check,
    KnownModel,
    OverrideValue,
    Patch,
    apply_patches,
    check_profile,
    layer_list,
    plan_patches,
    recognise,
    rope_scaling_text,
)
from engine.gguf_profile import ModelProfile, TensorInfo, build_profile, read_gguf_header
from engine.memory_plan import (
    MemoryPlan,
    describe_plan,
    format_bytes,
    mem_available_bytes,
    plan_memory,
)


@dataclass(frozen=True, slots=True)
class AttentionReport:
    """Everything `enclave model check` prints and a model load needs.

    `checks` judge the file as it is; `checks_patched` judge it as llama.cpp
    will load it with `kv_overrides`; `profile` is the patched view.
    """

    path: Path | None
    file_profile: ModelProfile
    profile: ModelProfile
    known: KnownModel | None
    checks: tuple[Check, ...]
    patches: tuple[Patch, ...]
    checks_patched: tuple[Check, ...]
    memory: MemoryPlan

    @property
    def ok(self) -> bool:
        """No error left once patched, and the memory plan fits."""
        return self.memory.fits and not self.errors

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks_patched if not c.ok and c.severity == "error"]

    @property
    def kv_overrides(self) -> dict[str, OverrideValue]:
        return {patch.key: patch.value for patch in self.patches}

    @property
    def llama_kwargs(self) -> dict[str, Any]:
        """n_ctx, swa_full, flash_attn, type_k, type_v and (when patched) kv_overrides."""
        overrides = {"kv_overrides": self.kv_overrides} if self.patches else {}
        return {**self.memory.llama_kwargs, **overrides}

    def render(self) -> str:
        """Plain-text table for `enclave model check` (and the load log)."""
        lines = [f"Model check: {self.path or '(metadata)'}", f"Result: {self._verdict()}", ""]
        lines += _render_profile(self.profile, self.known, patched=bool(self.patches))
        lines += ["", "Checks", *self._render_checks()]
        lines += ["", "Patches (llama.cpp kv_overrides)"]
        lines += [f"  {p.key} = {p.value!r}  -- {p.reason}" for p in self.patches] or ["  none"]
        lines += ["", *describe_plan(self.memory)]
        return "\n".join(lines) + "\n"

    def _verdict(self) -> str:
        if self.ok:
            return "OK" + (f" with {len(self.patches)} patch(es)" if self.patches else "")
        problems = [c.message for c in self.errors]
        problems += [] if self.memory.fits else ["memory: " + self.memory.message]
        return f"NOT OK ({len(problems)} problem(s)): " + "; ".join(problems)

    def _render_checks(self) -> list[str]:
        after = {c.name: c for c in self.checks_patched}
        rows = []
        for check in self.checks:
            fixed = after.get(check.name, check)
            status = _status(check, fixed)
            shown = fixed if status in ("FAIL", "WARN") else check
            rows.append(f"  {status:<5}  {check.name:<17} {shown.message}")
        return rows


def _status(before: Check, after: Check) -> str:
    if not after.ok:
        return "FAIL" if after.severity == "error" else "WARN"
    return "PASS" if before.ok else "FIXED"


def _render_profile(profile: ModelProfile, known: KnownModel | None, *, patched: bool) -> list[str]:
    window = (
        f"{profile.sliding_window} on {sum(profile.swa_layers)} layers ({layer_list(profile)})"
        if profile.sliding_window
        else "none (every layer attends to the whole context)"
    )
    rope = f"base {profile.rope_base:.0f}"
    if profile.rope_base_swa is not None and profile.rope_base_swa != profile.rope_base:
        rope += f" (SWA layers {profile.rope_base_swa:.0f})"
    if profile.rope_scaling != "none":
        rope += f", {rope_scaling_text(profile)}"
    p = profile
    experts = f"{p.experts}, {p.experts_used} per token" if p.experts else "-"
    rows = [
        ("architecture", p.architecture + (f" (recognised: {known.name})" if known else "")),
        ("name / file type", f"{p.name or '-'} / {p.file_type}"),
        ("layers / width", f"{p.layers} layers, embedding length {p.embedding_length}"),
        ("heads", f"{p.heads} query / {p.kv_heads} KV (group {p.group_size:g})"),
        ("head dim", f"k {p.head_dim_k}, v {p.head_dim_v}"),
        ("sliding window", window),
        ("experts", experts),
        ("trained context", str(p.context_length)),
        ("rope", rope),
        ("weights", format_bytes(p.weights_bytes)),
    ]
    title = "Profile (as llama.cpp will run it" + (", with the patches)" if patched else ")")
    return [title] + [f"  {label:<17} {value}" for label, value in rows]


def assess_metadata(
    metadata: Mapping[str, Any],
    tensors: Sequence[TensorInfo],
    *,
    n_ctx: int,
    available_bytes: int | None,
    offload: bool = False,
    swa_full: bool = True,
    path: Path | None = None,
) -> AttentionReport:
    """The pure core of `assess`: profile, checks, patches, checks again, memory plan."""
    file_profile = build_profile(metadata, tensors)
    checks = check_profile(file_profile, n_ctx=n_ctx)
    patches = plan_patches(file_profile, metadata)
    profile = build_profile(apply_patches(metadata, patches), tensors) if patches else file_profile
    memory = plan_memory(
        profile, n_ctx=n_ctx, available_bytes=available_bytes, offload=offload, swa_full=swa_full
    )
    after = check_profile(profile, n_ctx=n_ctx) if patches else checks
    known = recognise(file_profile)
    return AttentionReport(
        path, file_profile, profile, known, tuple(checks), tuple(patches), tuple(after), memory
    )


def assess(
    path: Path | str,
    *,
    n_ctx: int,
    offload: bool = False,
    available_bytes: int | None = None,
    swa_full: bool = True,
) -> AttentionReport:
    """Read the GGUF header at `path` and assess it (raises ModelFileError for a bad file).

    Without `available_bytes`, RAM is read from /proc/meminfo; offloading needs
    the GPU's free memory from the caller (Enclave does not import CUDA here).
    """
    if offload and available_bytes is None:
        raise ValueError("offload=True needs available_bytes: the GPU's free memory")
    metadata, tensors = read_gguf_header(path)
    available = available_bytes if available_bytes is not None else mem_available_bytes()
    return assess_metadata(
        metadata,
        tensors,
        n_ctx=n_ctx,
        available_bytes=available,
        offload=offload,
        swa_full=swa_full,
        path=Path(path),
    )
