"""Size llama.cpp's KV cache and compute buffers for a model and pick settings that fit.

Sliding-window models need far less KV cache than their context suggests, but
only if llama.cpp is told so: with `swa_full=True` (llama.cpp's and
llama-cpp-python's default) every SWA layer keeps the whole context. The sizes
here follow llama.cpp 0.3.36 exactly (checked against its own log lines):

* the context is padded to a multiple of 256 cells (llama-context.cpp);
* full-attention layers keep `n_ctx` cells; SWA layers keep `n_ctx` too when
  `swa_full`, else `pad256(min(n_ctx, n_swa + n_ubatch))` (llama-kv-cache-iswa.cpp);
* each layer stores K and V rows of `kv_heads * head_dim` elements per cell
  (f16: 2 bytes, q8_0: 34 bytes per 32 elements), so GQA divides the cache by
  the group size.

Everything is pure except `mem_available_bytes`, the thin /proc/meminfo reader.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.gguf_profile import ModelProfile

KV_PAD = 256
DEFAULT_UBATCH = 512
MiB = 1 << 20
GiB = 1 << 30
# Graph scratch beyond the estimated largest tensor (norms, rope, repacked weights).
COMPUTE_MARGIN = 64 * MiB


@dataclass(frozen=True, slots=True)
class KvCacheType:
    """A llama.cpp KV cache element type: ggml type id and block layout."""

    name: str
    ggml_type: int
    block: int
    block_bytes: int

    def row_bytes(self, elements: int) -> int:
        """ggml_row_size: bytes of one cell's K or V row."""
        return elements // self.block * self.block_bytes


KV_TYPES = {
    "f32": KvCacheType("f32", 0, 1, 4),
    "f16": KvCacheType("f16", 1, 1, 2),
    "q8_0": KvCacheType("q8_0", 8, 32, 34),
}


@dataclass(frozen=True, slots=True)
class KvLayout:
    """The two caches llama.cpp allocates: full-attention layers and SWA layers."""

    full_layers: int
    full_cells: int
    swa_layers: int
    swa_cells: int
    kv_type: str
    bytes: int


@dataclass(frozen=True, slots=True)
class MemoryPlan:
    """Settings for llama_cpp.Llama and the memory they need, or a refusal saying what fits."""

    fits: bool
    n_ctx: int
    swa_full: bool
    flash_attn: bool
    kv_type: str
    kv: KvLayout
    weights_bytes: int
    compute_bytes: int
    available_bytes: int | None
    device: str
    message: str
    notes: tuple[str, ...] = ()
    max_n_ctx: int | None = None

    @property
    def total_bytes(self) -> int:
        return self.weights_bytes + self.kv.bytes + self.compute_bytes

    @property
    def llama_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for llama_cpp.Llama (type_k/type_v are ggml type ids)."""
        cache = KV_TYPES[self.kv_type]
        return {
            "n_ctx": self.n_ctx,
            "swa_full": self.swa_full,
            "flash_attn": self.flash_attn,
            "type_k": cache.ggml_type,
            "type_v": cache.ggml_type,
        }


@dataclass(frozen=True, slots=True)
class _Settings:
    swa_full: bool
    flash_attn: bool
    kv_type: str


def _pad(cells: int) -> int:
    return -(-cells // KV_PAD) * KV_PAD


def kv_layout(
    profile: ModelProfile,
    n_ctx: int,
    *,
    swa_full: bool,
    kv_type: str = "f16",
    n_ubatch: int = DEFAULT_UBATCH,
) -> KvLayout:
    """KV cache cells and bytes exactly as llama.cpp allocates them for one sequence."""
    full_cells = _pad(n_ctx)
    ubatch = min(n_ubatch, n_ctx)  # llama.cpp clamps the batch to the (unpadded) context
    window = profile.sliding_window or 0
    swa_cells = full_cells if swa_full else _pad(min(full_cells, window + ubatch))
    cache = KV_TYPES[kv_type]
    total = 0
    for layer in range(profile.layers):
        k_dim, v_dim = profile.head_dims(layer)
        kv_heads = _at(profile.kv_heads_per_layer, layer, profile.kv_heads)
        cells = swa_cells if profile.swa_layers[layer] else full_cells
        total += cells * (cache.row_bytes(k_dim * kv_heads) + cache.row_bytes(v_dim * kv_heads))
    n_swa = sum(profile.swa_layers)
    return KvLayout(
        full_layers=profile.layers - n_swa,
        full_cells=full_cells,
        swa_layers=n_swa,
        swa_cells=swa_cells if n_swa else 0,
        kv_type=kv_type,
        bytes=total,
    )


def _at(values: tuple[int, ...], index: int, default: int) -> int:
    return values[index] if index < len(values) else default


def compute_estimate(
    profile: ModelProfile, kv: KvLayout, *, flash_attn: bool, n_ubatch: int = DEFAULT_UBATCH
) -> int:
    """Estimated llama.cpp compute buffer: the larger of one ubatch's logits and, without
    flash attention, its attention scores (f32, every head, plus the masks), + COMPUTE_MARGIN.

    Measured on Gemma-3 270M (CPU): 514.5 MiB at any context with flash attention,
    651.8 MiB at 65536 and 1291.8 MiB at 131072 cells without; this gives 576, 706 and
    1346 MiB. Without flash attention gpt-oss-20b needs ~17 GB of scores at 131072.
    """
    ubatch = min(n_ubatch, kv.full_cells)
    logits = profile.vocab_size * ubatch * 4
    scores = 0
    if not flash_attn:
        heads = max(profile.heads_per_layer, default=0)
        scores = kv.full_cells * ubatch * (4 * heads + 4) + kv.swa_cells * ubatch * 4
    return max(logits, scores) + COMPUTE_MARGIN


def kv_type_for(kv_type_bytes: float) -> str:
    """The cache type a bytes-per-element budget names: >=4 f32, >=2 f16, else q8_0."""
    if kv_type_bytes >= 4:
        return "f32"
    return "f16" if kv_type_bytes >= 2 else "q8_0"


def plan_memory(
    profile: ModelProfile,
    *,
    n_ctx: int,
    available_bytes: int | None,
    offload: bool,
    swa_full: bool,
    kv_type_bytes: float = 2,
    n_ubatch: int = DEFAULT_UBATCH,
) -> MemoryPlan:
    """First settings on the ladder whose weights + KV + compute fit `available_bytes`.

    The ladder starts from what was asked (flash attention on when offloading),
    then turns flash attention on, then a q8_0 cache, then gives up the
    full-size SWA cache (last: it is unsafe with prefix reuse, see _SWA_NOTE);
    each step taken is a note. `n_ctx` 0 means the trained context, as in
    llama.cpp. `available_bytes` None: nothing is checked.
    """
    n_ctx = n_ctx if n_ctx > 0 else profile.context_length
    ladder = _ladder(
        profile, swa_full=swa_full, offload=offload, kv_type=kv_type_for(kv_type_bytes)
    )
    device = "VRAM" if offload else "RAM"
    notes: list[str] = []
    for settings, why in ladder:
        notes += [why] if why else []
        plan = _plan(profile, n_ctx, settings, available_bytes, device, n_ubatch)
        if available_bytes is None:
            return dataclasses.replace(plan, message="available memory unknown: not checked")
        if plan.total_bytes <= available_bytes:
            need, have = format_bytes(plan.total_bytes), format_bytes(available_bytes)
            message = f"fits: needs {need} of {have} {device}"
            return dataclasses.replace(plan, message=message, notes=tuple(notes))
    return _refusal(profile, plan, ladder[-1][0], n_ubatch, tuple(notes))


def _ladder(
    profile: ModelProfile, *, swa_full: bool, offload: bool, kv_type: str
) -> list[tuple[_Settings, str]]:
    """Settings to try, cheapest-in-quality first, each with the note that explains it."""
    quantized = KV_TYPES[kv_type].block > 1
    first = _Settings(swa_full, offload or quantized, kv_type)
    steps = [(first, "flash_attn=True: offloading to the GPU" if offload else "")]
    steps.append((dataclasses.replace(first, flash_attn=True), _FA_NOTE))
    dims = (profile.head_dim_k, profile.head_dim_v, profile.head_dim_k_swa, profile.head_dim_v_swa)
    if not quantized and all(d % 32 == 0 for d in dims):  # q8_0 blocks are 32 wide
        steps.append((dataclasses.replace(steps[-1][0], kv_type="q8_0"), _Q8_NOTE))
    if swa_full and any(profile.swa_layers):
        steps.append((dataclasses.replace(steps[-1][0], swa_full=False), _SWA_NOTE))
    unique: list[tuple[_Settings, str]] = []
    for settings, why in steps:
        if all(settings != seen for seen, _ in unique):
            unique.append((settings, why))
    return unique


_FA_NOTE = "flash_attn=True: without it the attention scores of a batch do not fit"
_SWA_NOTE = (
    "swa_full=False: sliding-window layers keep only window + batch cells; llama-cpp-python's "
    "prefix reuse can then resume from evicted cells (measured: different logits), so the "
    "engine must reset the context before each unrelated prompt"
)
_Q8_NOTE = "KV cache q8_0 instead of f16: about half the memory, slight quality cost"


def _plan(
    profile: ModelProfile,
    n_ctx: int,
    settings: _Settings,
    available: int | None,
    device: str,
    n_ubatch: int,
) -> MemoryPlan:
    kv = kv_layout(
        profile, n_ctx, swa_full=settings.swa_full, kv_type=settings.kv_type, n_ubatch=n_ubatch
    )
    return MemoryPlan(
        fits=True,
        n_ctx=n_ctx,
        swa_full=settings.swa_full,
        flash_attn=settings.flash_attn,
        kv_type=settings.kv_type,
        kv=kv,
        weights_bytes=profile.weights_bytes,
        compute_bytes=compute_estimate(
            profile, kv, flash_attn=settings.flash_attn, n_ubatch=n_ubatch
        ),
        available_bytes=available,
        device=device,
        message="",
    )


def _refusal(
    profile: ModelProfile,
    tried: MemoryPlan,
    settings: _Settings,
    n_ubatch: int,
    notes: tuple[str, ...],
) -> MemoryPlan:
    """Refuse, naming the largest context that fits with the most economical settings."""
    available = tried.available_bytes or 0

    def total(n_ctx: int) -> int:
        return _plan(profile, n_ctx, settings, available, tried.device, n_ubatch).total_bytes

    lo, hi = 0, (tried.n_ctx - 1) // KV_PAD  # binary search over multiples of 256 cells
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if total(mid * KV_PAD) <= available else (lo, mid - 1)
    largest = lo * KV_PAD
    need = (
        f"{tried.n_ctx} tokens need {format_bytes(tried.total_bytes)} (weights "
        f"{format_bytes(tried.weights_bytes)} + KV cache {format_bytes(tried.kv.bytes)} + compute "
        f"{format_bytes(tried.compute_bytes)}) but {format_bytes(available)} {tried.device} is "
        f"available, even with {_describe(settings)}"
    )
    if largest:
        fix = f"with those settings the largest context that fits is {largest} tokens"
    else:
        fix = "not even 256 tokens fit: free memory or use a smaller quantization of the model"
    message = f"does not fit: {need}; {fix}"
    return dataclasses.replace(tried, fits=False, message=message, notes=notes, max_n_ctx=largest)


def _describe(settings: _Settings) -> str:
    return (
        f"swa_full={settings.swa_full}, flash_attn={settings.flash_attn}, "
        f"{settings.kv_type} KV cache"
    )


def format_bytes(n: int | float) -> str:
    """Human-readable binary size for reports (MiB below 1 GiB)."""
    return f"{n / GiB:.2f} GiB" if n >= GiB else f"{n / MiB:.1f} MiB"


def mem_available_bytes(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """MemAvailable from /proc/meminfo (what can be allocated without swapping), or None."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def describe_plan(plan: MemoryPlan) -> list[str]:
    """The memory section of the model-check report."""
    kv = plan.kv
    cache = f"{kv.full_layers} full-attention layers x {kv.full_cells} cells"
    if kv.swa_layers:
        cache += f" + {kv.swa_layers} sliding-window layers x {kv.swa_cells} cells"
    available = format_bytes(plan.available_bytes) if plan.available_bytes is not None else "?"
    rows = [
        ("context", f"n_ctx={plan.n_ctx} (llama.cpp pads to {kv.full_cells} cells)"),
        ("settings", f"swa_full={plan.swa_full}, flash_attn={plan.flash_attn}, KV {plan.kv_type}"),
        ("KV cache", f"{format_bytes(kv.bytes)} = {cache}"),
        ("weights", format_bytes(plan.weights_bytes)),
        ("compute (est.)", format_bytes(plan.compute_bytes)),
        ("total", f"{format_bytes(plan.total_bytes)} of {available} {plan.device} available"),
        ("result", plan.message),
    ]
    rows += [("because" if plan.fits else "tried", note) for note in plan.notes]
    return [f"Memory plan ({plan.device})"] + [f"  {label:<17} {value}" for label, value in rows]
