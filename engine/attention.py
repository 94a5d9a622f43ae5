"""Check-and-patch for sliding-window attention (SWA) and grouped-query attention (GQA).

Run at every model load and by `enclave model check`. llama.cpp trusts GGUF metadata: a
conversion that lost `gemma3.attention.sliding_window` loads without a word and runs every
layer as global attention (n_swa = 0, local layers on the wrong RoPE base); on the packaged
Gemma-3 270M "The capital of France is" then continues " the capital of the country of the
French" instead of "... of France.". A wrong `head_count_kv` fails the load on a tensor shape.

`build_profile` says what llama.cpp will run, `check_profile` compares it with llama.cpp's
rules and a table of known models, `plan_patches` proposes kv_overrides for a recognised
model (never silently: each Patch carries the reason to log), `plan_memory` picks settings
that fit. All pure over metadata mappings; `engine.attention_report.assess` is the thin
entry point that reads a file.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from engine.gguf_profile import (
    ARCH_RULES,
    ModelFileError,
    ModelProfile,
    build_profile,
    read_gguf_header,
)
from engine.memory_plan import (
    plan_memory,
)

__all__ = ["KNOWN_MODELS", "Check", "KnownModel", "ModelFileError", "Patch", "apply_patches"]
__all__ += ["build_profile", "check_profile", "plan_memory", "plan_patches", "read_gguf_header"]
__all__ += ["recognise"]

Severity = Literal["error", "warning"]
OverrideValue = bool | int | float | str


@dataclass(frozen=True, slots=True)
class Check:
    """One finding; `ok` False with severity "error" makes the report not ok."""

    name: str
    ok: bool
    severity: Severity
    message: str


@dataclass(frozen=True, slots=True)
class Patch:
    """A llama.cpp kv_override that corrects the file, with the reason to log."""

    key: str
    value: OverrideValue
    reason: str


@dataclass(frozen=True, slots=True)
class KnownModel:
    """Published hyperparameters of a model Enclave recognises by arch, layers and width."""

    name: str
    architecture: str
    layers: int
    embedding_length: int
    heads: int
    kv_heads: int
    head_dim: int
    sliding_window: int
    experts: int
    experts_used: int
    context_length: int

    @property
    def group_size(self) -> int:
        return self.heads // self.kv_heads


KNOWN_MODELS: tuple[KnownModel, ...] = (
    # openai/gpt-oss-20b and -120b config.json (also NVIDIA Megatron-Bridge's model table).
    KnownModel("gpt-oss-20b", "gpt-oss", 24, 2880, 64, 8, 64, 128, 32, 4, 131072),
    KnownModel("gpt-oss-120b", "gpt-oss", 36, 2880, 64, 8, 64, 128, 128, 4, 131072),
    # google/gemma-3-270m, as in the packaged GGUF.
    KnownModel("gemma-3-270m", "gemma3", 18, 640, 4, 1, 256, 512, 0, 0, 32768),
)


def recognise(profile: ModelProfile) -> KnownModel | None:
    """The known model with this architecture, depth and width (keys a bad conversion keeps)."""
    key = (profile.architecture, profile.layers, profile.embedding_length)
    return next(
        (k for k in KNOWN_MODELS if (k.architecture, k.layers, k.embedding_length) == key), None
    )


# --------------------------------------------------------------------------- checks


def _pass(name: str, message: str, severity: Severity = "error") -> Check:
    return Check(name, True, severity, message)


def _fail(name: str, message: str, severity: Severity = "error") -> Check:
    return Check(name, False, severity, message)


def check_profile(profile: ModelProfile, *, n_ctx: int) -> list[Check]:
    """Every finding about the attention setup; `n_ctx` 0 means the trained context."""
    known = recognise(profile)
    checks = [_check_architecture(profile), _check_hparams(profile)]
    if profile.architecture in ARCH_RULES:
        checks += [_check_known(profile, known), _check_window(profile, known)]
    checks += [_check_group_size(profile, known), _check_tensor_heads(profile)]
    return [*checks, _check_experts(profile), _check_context(profile, n_ctx)]


def _check_architecture(profile: ModelProfile) -> Check:
    arch = profile.architecture
    if arch in ARCH_RULES:
        return _pass("architecture", f"{arch} is supported")
    what = f"unknown architecture {arch!r}" if arch else "no general.architecture key"
    known = ", ".join(sorted(ARCH_RULES))
    return _fail("architecture", f"{what}: Enclave cannot check its attention (knows {known})")


def _check_hparams(profile: ModelProfile) -> Check:
    values = {
        "block_count": profile.layers,
        "attention.head_count": profile.heads,
        "embedding_length": profile.embedding_length,
        "context_length": profile.context_length,
    }
    missing = [f"{profile.architecture}.{key}" for key, value in values.items() if value <= 0]
    if missing:
        return _fail("hyperparameters", "missing or zero: " + ", ".join(missing))
    return _pass("hyperparameters", "layers, heads, width and context present")


def _check_known(profile: ModelProfile, known: KnownModel | None) -> Check:
    """Values of a recognised model not covered by the window and group-size checks."""
    if known is None:
        names = ", ".join(k.name for k in KNOWN_MODELS)
        return _pass("known model", f"not one of {names}: llama.cpp's rules only", "warning")
    compare = {
        "head dim": (profile.head_dim_k, known.head_dim),
        "value dim": (profile.head_dim_v, known.head_dim),
        "experts": (profile.experts, known.experts),
        "experts per token": (profile.experts_used, known.experts_used),
        "trained context": (profile.context_length, known.context_length),
    }
    wrong = [f"{k} {got} (expected {want})" for k, (got, want) in compare.items() if got != want]
    if wrong:
        return _fail("known model", f"{known.name} but " + ", ".join(wrong))
    return _pass("known model", f"recognised as {known.name}")


def _check_group_size(profile: ModelProfile, known: KnownModel | None) -> Check:
    pairs = list(zip(profile.heads_per_layer, profile.kv_heads_per_layer, strict=False))
    if not pairs:
        return _fail("group size", "no attention.head_count")
    for layer, (heads, kv_heads) in enumerate(pairs):
        if kv_heads <= 0 or heads % kv_heads:
            found = f"{heads} query heads / {kv_heads} KV heads (layer {layer})"
            return _fail("group size", f"{found} is not a whole group size: broken GQA metadata")
    found = f"{profile.heads} query / {profile.kv_heads} KV heads"
    group = profile.heads // profile.kv_heads
    if known and (profile.heads, profile.kv_heads) != (known.heads, known.kv_heads):
        expected = f"{known.heads}/{known.kv_heads} = {known.group_size}"
        return _fail("group size", f"{found} = {group}, but {known.name} has {expected}")
    return _pass("group size", f"{found} = group size {group}")


def _check_tensor_heads(profile: ModelProfile) -> Check:
    """The Q/K projection widths are ground truth; llama.cpp refuses a mismatching load."""
    compare = {
        "head_count": (profile.heads, profile.heads_from_tensors, "attn_q"),
        "head_count_kv": (profile.kv_heads, profile.kv_heads_from_tensors, "attn_k"),
    }
    wrong = [
        f"{key} says {meta} but blk.0.{tensor}.weight holds {found}"
        for key, (meta, found, tensor) in compare.items()
        if found is not None and found != meta
    ]
    if wrong:
        return _fail("heads vs tensors", "; ".join(wrong) + ": llama.cpp will refuse to load")
    if profile.kv_heads_from_tensors is None:
        return _pass("heads vs tensors", "no blk.0.attn_k.weight to compare", "warning")
    return _pass("heads vs tensors", "Q/K projection widths match the head counts")


def _check_window(profile: ModelProfile, known: KnownModel | None) -> Check:
    arch, window = profile.architecture, profile.sliding_window
    key = f"{arch}.attention.sliding_window"
    if ARCH_RULES[arch].swa == "none":
        return _pass("sliding window", f"{arch} has no sliding-window attention")
    if window is None:
        return _missing_window(profile, known, key)
    if known and window != known.sliding_window:
        return _fail("sliding window", f"{window}, but {known.name} uses {known.sliding_window}")
    if profile.context_length and window > profile.context_length:
        trained = profile.context_length
        return _fail("sliding window", f"{window} is larger than the trained context {trained}")
    if not any(profile.swa_layers):
        message = f"window {window} but sliding_window_pattern puts it on no layer"
        return _fail("sliding window", message, "error" if known else "warning")
    layers = f"on {sum(profile.swa_layers)} of {profile.layers} layers ({layer_list(profile)})"
    if profile.sliding_window_source == "default":
        return _fail("sliding window", f"{key} missing: llama.cpp assumes {window}", "warning")
    return _pass("sliding window", f"{window} {layers}")


def _missing_window(profile: ModelProfile, known: KnownModel | None, key: str) -> Check:
    rule = ARCH_RULES[profile.architecture]
    if rule.swa == "required":
        return _fail("sliding window", f"{key} missing: llama.cpp refuses to load")
    rope = f" and their RoPE base {rule.swa_rope_base:g}" if rule.swa_rope_base else ""
    message = (
        f"{key} missing or 0: llama.cpp silently runs all {profile.layers} layers as global "
        f"attention (n_swa = 0); the local layers lose their window{rope}, so the output changes"
    )
    if known:
        return _fail("sliding window", f"{message} ({known.name} uses {known.sliding_window})")
    return _fail("sliding window", message + " if the model has local layers", "warning")


def _check_experts(profile: ModelProfile) -> Check:
    experts, used = profile.experts, profile.experts_used
    if experts == 0 and used == 0:
        return _pass("experts", "dense model (no experts)")
    if not 0 < used <= experts:
        return _fail("experts", f"{used} experts per token of {experts}: llama.cpp aborts")
    return _pass("experts", f"{experts} experts, {used} per token")


def _check_context(profile: ModelProfile, n_ctx: int) -> Check:
    trained = profile.context_length
    wanted = n_ctx if n_ctx > 0 else trained
    rope = f" ({rope_scaling_text(profile)})" if profile.rope_scaling != "none" else ""
    if trained and wanted > trained:
        message = f"requested {wanted} tokens exceeds the trained context {trained}{rope}"
        return _fail("context", message + ": llama.cpp only warns, the model degrades past it")
    return _pass("context", f"{wanted} of {trained} trained tokens{rope}")


def rope_scaling_text(profile: ModelProfile) -> str:
    return f"{profile.rope_scaling} x{profile.rope_factor:g} over {profile.rope_original_context}"


def layer_list(profile: ModelProfile) -> str:
    """SWA layer indices compactly: runs as a-b, a constant stride as 0, 2, 4, ..., 22."""
    idx = profile.swa_layer_indices
    steps = {b - a for a, b in itertools.pairwise(idx)}
    if len(idx) > 3 and len(steps) == 1 and steps != {1}:
        return f"{idx[0]}, {idx[1]}, {idx[2]}, ..., {idx[-1]}"
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


# --------------------------------------------------------------------------- patches


def plan_patches(profile: ModelProfile, metadata: Mapping[str, Any]) -> list[Patch]:
    """kv_overrides that make a recognised model's file say what the model is.

    Only keys llama.cpp reads with get_key can be added when absent; keys read
    with get_key_or_arr (head counts, experts per token) ignore an override
    unless the file has the key as a scalar, so those are only corrected, and
    only when the projection tensors agree with the known value.
    """
    known = recognise(profile)
    if known is None:
        return []
    arch, patches = profile.architecture, []
    for suffix, actual, expected, evidence, add_when_absent in _patchable(profile, known):
        key, raw = f"{arch}.{suffix}", metadata.get(f"{arch}.{suffix}")
        if actual == expected or (evidence is not None and evidence != expected):
            continue
        if not add_when_absent and not _is_int(raw):
            continue
        found = "lacks it" if raw is None else f"says {raw!r}"
        reason = f"{known.name} has {suffix} = {expected}; the file {found}"
        patches.append(Patch(key, expected, reason + _consequence(profile, suffix)))
    return patches


def _patchable(
    profile: ModelProfile, known: KnownModel
) -> list[tuple[str, int | None, int, int | None, bool]]:
    """(key suffix, value llama.cpp would use, known value, tensor evidence, get_key?)."""
    kv_evidence = profile.kv_heads_from_tensors
    rows: list[tuple[str, int | None, int, int | None, bool]] = [
        ("attention.sliding_window", profile.sliding_window, known.sliding_window, None, True),
        ("attention.head_count", profile.heads, known.heads, profile.heads_from_tensors, False),
        ("attention.head_count_kv", profile.kv_heads, known.kv_heads, kv_evidence, False),
        ("attention.key_length", profile.head_dim_k, known.head_dim, None, True),
        ("attention.value_length", profile.head_dim_v, known.head_dim, None, True),
        ("context_length", profile.context_length, known.context_length, None, True),
    ]
    if known.experts:
        rows.append(("expert_count", profile.experts, known.experts, None, True))
        rows.append(("expert_used_count", profile.experts_used, known.experts_used, None, False))
    return rows


def _consequence(profile: ModelProfile, suffix: str) -> str:
    if suffix != "attention.sliding_window":
        return ""
    if ARCH_RULES[profile.architecture].swa == "required":
        return ": without it llama.cpp refuses to load"
    return ": without it llama.cpp runs every layer as global attention"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def apply_patches(metadata: Mapping[str, Any], patches: Sequence[Patch]) -> dict[str, Any]:
    """The metadata as llama.cpp sees it with the patches as kv_overrides."""
    return {**metadata, **{patch.key: patch.value for patch in patches}}


# --------------------------------------------------------------------------- report
