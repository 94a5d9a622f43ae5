"""Read a GGUF header and describe the model's attention the way llama.cpp will set it up.

`read_gguf_header` is the only function here that touches a file. It parses the
header itself (struct over an mmap) instead of using `gguf.GGUFReader`, which
builds a numpy view per vocabulary entry and needs ~10 s for Gemma's 262k
tokens; this one needs well under a second and reads no weights. Everything
else is pure: `build_profile` turns a metadata mapping (plus tensor infos) into
a `ModelProfile`, applying llama.cpp's own defaults and per-architecture rules
(src/llama-model.cpp load_hparams, src/models/<arch>.cpp load_arch_hparams), so
the profile says what llama.cpp will actually run, not what the file intended.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import gguf

from engine.errors import EngineError

MAX_ARRAY_ITEMS = 1024  # longer arrays (vocabularies) are summarised, not decoded
GGUF_MAGIC = b"GGUF"
DEFAULT_ALIGNMENT = 32

# struct formats by GGUFValueType id (8 = string and 9 = array are handled apart)
_SCALAR = {i: "<" + f for i, f in enumerate("BbHhIif?..Qqd") if f != "."}


class ModelFileError(EngineError):
    """The model file cannot be used; the message says why in operator terms."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"{path}: {detail}")


class ModelFileNotFound(ModelFileError):
    """No readable file at the configured model path."""


class NotGGUFError(ModelFileError):
    """The file is not a GGUF model (wrong magic, unsupported version or byte order)."""


class TruncatedModelError(ModelFileError):
    """The file ends before its header or its tensor data does (an interrupted copy)."""


class CorruptModelError(ModelFileError):
    """The header is GGUF but contains values no writer produces."""


@dataclass(frozen=True, slots=True)
class GGUFArray:
    """Stand-in for a long array (e.g. the vocabulary): its item type and length only."""

    item_type: str
    length: int


@dataclass(frozen=True, slots=True)
class TensorInfo:
    """One tensor's header entry; `shape` is in ggml order (ne0 first)."""

    name: str
    shape: tuple[int, ...]
    ggml_type: str
    n_bytes: int
    offset: int


class _Cursor:
    """Bounds-checked little-endian reads over the mapped file."""

    def __init__(self, buf: mmap.mmap, path: Path) -> None:
        self.buf, self.path, self.pos = buf, path, 0

    def take(self, size: int, what: str) -> int:
        start = self.pos
        if size < 0 or start + size > len(self.buf):
            raise TruncatedModelError(self.path, f"file ends inside the GGUF header ({what})")
        self.pos += size
        return start

    def unpack(self, fmt: str, what: str) -> Any:
        return struct.unpack_from(fmt, self.buf, self.take(struct.calcsize(fmt), what))[0]

    def string(self, what: str) -> str:
        size = self.unpack("<Q", what)
        start = self.take(size, what)
        return bytes(self.buf[start : start + size]).decode("utf-8", errors="replace")

    def value(self, vtype: int, key: str) -> Any:
        if vtype in _SCALAR:
            return self.unpack(_SCALAR[vtype], key)
        if vtype == gguf.GGUFValueType.STRING:
            return self.string(key)
        if vtype == gguf.GGUFValueType.ARRAY:
            return self.array(key)
        raise CorruptModelError(self.path, f"metadata key {key!r} has unknown value type {vtype}")

    def array(self, key: str) -> Any:
        item_type = self.unpack("<I", key)
        length = self.unpack("<Q", key)
        if length > len(self.buf) - self.pos:
            raise TruncatedModelError(self.path, f"file ends inside the GGUF header ({key})")
        if length <= MAX_ARRAY_ITEMS:
            return [self.value(item_type, key) for _ in range(length)]
        if item_type in _SCALAR:
            self.take(length * struct.calcsize(_SCALAR[item_type]), key)
        else:
            for _ in range(length):
                self.value(item_type, key)
        return GGUFArray(gguf.GGUFValueType(item_type).name.lower(), length)


def read_gguf_header(path: Path | str) -> tuple[dict[str, Any], list[TensorInfo]]:
    """Metadata and tensor infos of a GGUF file, without reading its weights.

    Raises a `ModelFileError` subclass naming the problem, so `enclave model
    check` can tell a missing file from a wrong file from an interrupted copy.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            head = handle.read(len(GGUF_MAGIC))
            _check_magic(path, head)
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                return _parse(_Cursor(buf, path), size)
    except FileNotFoundError as exc:
        raise ModelFileNotFound(path, "model file not found") from exc
    except IsADirectoryError as exc:
        raise ModelFileNotFound(path, "model path is a directory, not a GGUF file") from exc
    except OSError as exc:
        raise ModelFileError(path, f"cannot read model file: {exc.strerror or exc}") from exc


def _check_magic(path: Path, head: bytes) -> None:
    if head == GGUF_MAGIC:
        return
    if head and GGUF_MAGIC.startswith(head):
        raise TruncatedModelError(path, "file ends inside the GGUF magic")
    shown = head.hex() if head else "an empty file"
    raise NotGGUFError(path, f"not a GGUF model file (starts with {shown}, expected 'GGUF')")


def _parse(cur: _Cursor, size: int) -> tuple[dict[str, Any], list[TensorInfo]]:
    cur.take(len(GGUF_MAGIC), "magic")
    version = cur.unpack("<I", "version")
    if version & 0xFFFF == 0:
        raise NotGGUFError(cur.path, "big-endian GGUF files are not supported")
    if version not in (2, 3):
        raise NotGGUFError(cur.path, f"unsupported GGUF version {version} (need 2 or 3)")
    n_tensors = cur.unpack("<Q", "tensor count")
    n_kv = cur.unpack("<Q", "metadata count")
    if n_tensors > size or n_kv > size:
        raise CorruptModelError(cur.path, "tensor or metadata count larger than the file")
    metadata: dict[str, Any] = {}
    for _ in range(n_kv):
        key = cur.string("metadata key")
        metadata[key] = cur.value(cur.unpack("<I", key), key)
    raw = [_tensor_entry(cur) for _ in range(n_tensors)]
    alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0:
        raise CorruptModelError(cur.path, f"invalid general.alignment {alignment!r}")
    data_start = -(-cur.pos // alignment) * alignment
    tensors = _sized_tensors(raw, size - data_start)
    end = max((t.offset + t.n_bytes for t in tensors), default=0) + data_start
    if end > size:
        raise TruncatedModelError(
            cur.path, f"file is {size} bytes but its tensors end at byte {end} (interrupted copy?)"
        )
    return metadata, tensors


def _tensor_entry(cur: _Cursor) -> tuple[str, tuple[int, ...], int, int]:
    name = cur.string("tensor name")
    n_dims = cur.unpack("<I", name)
    if n_dims > 4:
        raise CorruptModelError(cur.path, f"tensor {name!r} has {n_dims} dimensions")
    shape = tuple(cur.unpack("<Q", name) for _ in range(n_dims))
    return name, shape, cur.unpack("<I", name), cur.unpack("<Q", name)


def _sized_tensors(
    raw: Sequence[tuple[str, tuple[int, ...], int, int]], data_size: int
) -> list[TensorInfo]:
    """Byte sizes from ggml block sizes; for a type gguf-py does not know, the gap to the next."""
    offsets = sorted({entry[3] for entry in raw} | {max(data_size, 0)})
    out = []
    for name, shape, type_id, offset in raw:
        elements = 1
        for dim in shape:
            elements *= dim
        try:
            qtype = gguf.GGMLQuantizationType(type_id)
            block, type_size = gguf.GGML_QUANT_SIZES[qtype]
            type_name, n_bytes = qtype.name, elements // block * type_size
        except (ValueError, KeyError):
            following = [o for o in offsets if o > offset]
            type_name, n_bytes = f"type{type_id}", (following[0] - offset if following else 0)
        out.append(TensorInfo(name, shape, type_name, n_bytes, offset))
    return out


# --------------------------------------------------------------------------- profile

SwaMode = Literal["none", "required", "optional", "defaulted"]


@dataclass(frozen=True, slots=True)
class ArchRule:
    """How llama.cpp's load_arch_hparams treats sliding-window attention for one architecture.

    swa: "none" (no SWA), "required" (llama.cpp refuses to load without the
    window key), "optional" (no key or 0 silently turns SWA off for every
    layer), "defaulted" (no key means `default_window`). `pattern` and
    `dense_first` are the arguments of llama.cpp's load_swa_pattern; a layer is
    SWA when `il % pattern < pattern - 1` (or `!= 0` when dense_first).
    """

    swa: SwaMode
    pattern: int = 0
    dense_first: bool = False
    default_window: int | None = None
    swa_rope_base: float | None = None  # None: SWA layers use the global rope base


ARCH_RULES: dict[str, ArchRule] = {
    "gpt-oss": ArchRule("required", pattern=2),
    "gemma2": ArchRule("defaulted", pattern=2, default_window=4096),
    "gemma3": ArchRule("optional", pattern=6, swa_rope_base=10000.0),
    "cohere2": ArchRule("required", pattern=4),
    **{arch: ArchRule("none") for arch in ("gemma", "llama", "qwen2", "qwen2moe", "qwen3")},
    "qwen3moe": ArchRule("none"),
}


@dataclass(frozen=True, slots=True)
class ModelProfile:
    """The attention-relevant hyperparameters as llama.cpp will use them.

    Per-layer tuples follow llama.cpp's n_head_arr / n_head_kv_arr / is_swa;
    `heads` and `kv_heads` are layer 0's values (llama.cpp's n_head()).
    `sliding_window` is None when llama.cpp will run no SWA layer at all;
    `sliding_window_source` says whether it came from the file or a default.
    `*_from_tensors` are read off blk.0's Q/K projection shapes (None when absent).
    """

    architecture: str
    name: str
    layers: int
    heads_per_layer: tuple[int, ...]
    kv_heads_per_layer: tuple[int, ...]
    head_dim_k: int
    head_dim_v: int
    head_dim_k_swa: int
    head_dim_v_swa: int
    embedding_length: int
    vocab_size: int
    sliding_window: int | None
    sliding_window_source: Literal["file", "default", "absent"]
    swa_layers: tuple[bool, ...]
    experts: int
    experts_used: int
    context_length: int
    rope_base: float
    rope_base_swa: float | None
    rope_scaling: str
    rope_factor: float
    rope_original_context: int
    file_type: str
    weights_bytes: int
    heads_from_tensors: int | None = None
    kv_heads_from_tensors: int | None = None

    @property
    def heads(self) -> int:
        return self.heads_per_layer[0] if self.heads_per_layer else 0

    @property
    def kv_heads(self) -> int:
        return self.kv_heads_per_layer[0] if self.kv_heads_per_layer else 0

    @property
    def group_size(self) -> float:
        """Query heads per KV head; not a whole number means a broken conversion."""
        return self.heads / self.kv_heads if self.kv_heads else 0.0

    @property
    def swa_layer_indices(self) -> tuple[int, ...]:
        return tuple(i for i, swa in enumerate(self.swa_layers) if swa)

    def head_dims(self, layer: int) -> tuple[int, int]:
        """(k, v) head size of one layer; SWA layers may have their own."""
        if self.swa_layers[layer]:
            return self.head_dim_k_swa, self.head_dim_v_swa
        return self.head_dim_k, self.head_dim_v


def build_profile(metadata: Mapping[str, Any], tensors: Sequence[TensorInfo]) -> ModelProfile:
    """Describe the model from its metadata, applying llama.cpp's defaults and arch rules."""
    arch = str(metadata.get("general.architecture", ""))
    meta, rule = _Keys(metadata, arch), ARCH_RULES.get(arch)
    layers = meta.integer("block_count")
    heads = meta.per_layer("attention.head_count", layers, 0)
    per_head = meta.integer("embedding_length") // heads[0] if heads and heads[0] else 0
    head_k = meta.integer("attention.key_length", per_head)
    head_v = meta.integer("attention.value_length", per_head)
    head_k_swa = meta.integer("attention.key_length_swa", head_k)
    window, source, swa_layers = _sliding_window(meta, rule, layers)
    head_k0 = head_k_swa if swa_layers and swa_layers[0] else head_k
    return ModelProfile(
        architecture=arch,
        name=str(metadata.get("general.name", "")),
        layers=layers,
        heads_per_layer=heads,
        kv_heads_per_layer=meta.per_layer("attention.head_count_kv", layers, None) or heads,
        head_dim_k=head_k,
        head_dim_v=head_v,
        head_dim_k_swa=head_k_swa,
        head_dim_v_swa=meta.integer("attention.value_length_swa", head_v),
        embedding_length=meta.integer("embedding_length"),
        vocab_size=_vocab_size(meta, metadata),
        sliding_window=window,
        sliding_window_source=source,
        swa_layers=swa_layers,
        experts=meta.integer("expert_count"),
        experts_used=max(meta.per_layer("expert_used_count", layers, 0), default=0),
        context_length=meta.integer("context_length"),
        **_rope_fields(meta, rule, window),
        file_type=_file_type(metadata.get("general.file_type")),
        weights_bytes=sum(t.n_bytes for t in tensors),
        heads_from_tensors=_heads_from(tensors, "blk.0.attn_q.weight", head_k0),
        kv_heads_from_tensors=_heads_from(tensors, "blk.0.attn_k.weight", head_k0),
    )


def _rope_fields(meta: _Keys, rule: ArchRule | None, window: int | None) -> dict[str, Any]:
    """RoPE as llama.cpp sets it: base 10000 and no scaling unless the file says otherwise."""
    base = meta.number("rope.freq_base", 10000.0)
    factor = meta.number("rope.scaling.factor", meta.number("rope.scale_linear", 0.0))
    swa_default = rule.swa_rope_base if rule and rule.swa_rope_base is not None else base
    original = meta.integer("rope.scaling.original_context_length", meta.integer("context_length"))
    return {
        "rope_base": base,
        "rope_base_swa": meta.number("rope.freq_base_swa", swa_default) if window else None,
        "rope_scaling": str(meta.get("rope.scaling.type", "linear")) if factor else "none",
        "rope_factor": factor or 1.0,
        "rope_original_context": original,
    }


class _Keys:
    """`{arch}.`-prefixed lookups with llama.cpp's tolerance for integer types."""

    def __init__(self, metadata: Mapping[str, Any], arch: str) -> None:
        self.metadata, self.arch = metadata, arch

    def get(self, suffix: str, default: Any = None) -> Any:
        return self.metadata.get(f"{self.arch}.{suffix}", default)

    def integer(self, suffix: str, default: int = 0) -> int:
        value = self.get(suffix)
        return int(value) if _is_number(value) else default

    def number(self, suffix: str, default: float) -> float:
        value = self.get(suffix)
        return float(value) if _is_number(value) else default

    def per_layer(self, suffix: str, layers: int, default: int | None) -> tuple[int, ...]:
        """A scalar repeated per layer, or a per-layer array (as get_key_or_arr reads it)."""
        value = self.get(suffix)
        if isinstance(value, list):
            return tuple(int(v) for v in value[:layers])
        if isinstance(value, int) and not isinstance(value, bool):
            return (value,) * layers
        return () if default is None else (default,) * layers


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sliding_window(
    meta: _Keys, rule: ArchRule | None, layers: int
) -> tuple[int | None, Literal["file", "default", "absent"], tuple[bool, ...]]:
    raw = meta.get("attention.sliding_window")
    found = isinstance(raw, int) and not isinstance(raw, bool)
    window = int(raw) if found else None
    if rule is None or rule.swa == "none":
        return None, "file" if found else "absent", (False,) * layers
    if rule.swa == "defaulted" and not found:
        window = rule.default_window
    if not window or window <= 0:  # "optional": llama.cpp turns SWA off for every layer
        return None, "file" if found else "absent", (False,) * layers
    return window, "file" if found else "default", _swa_pattern(meta, rule, layers)


def _swa_pattern(meta: _Keys, rule: ArchRule, layers: int) -> tuple[bool, ...]:
    """llama.cpp's load_swa_pattern: a per-layer array wins, else a period (key or arch default)."""
    raw = meta.get("attention.sliding_window_pattern")
    if isinstance(raw, list):
        flags = [bool(v) for v in raw[:layers]]
        return tuple(flags + [False] * (layers - len(flags)))
    period = raw if isinstance(raw, int) and not isinstance(raw, bool) else rule.pattern
    if rule.dense_first:
        return tuple(period == 0 or il % period != 0 for il in range(layers))
    return tuple(period == 0 or il % period < period - 1 for il in range(layers))


def _vocab_size(meta: _Keys, metadata: Mapping[str, Any]) -> int:
    tokens = metadata.get("tokenizer.ggml.tokens")
    if isinstance(tokens, GGUFArray):
        return tokens.length
    if isinstance(tokens, list):
        return len(tokens)
    return meta.integer("vocab_size")


def _file_type(value: Any) -> str:
    if not isinstance(value, int):
        return "unknown"
    try:
        return gguf.LlamaFileType(value).name.removeprefix("MOSTLY_")
    except ValueError:
        return f"type {value}"


def _heads_from(tensors: Sequence[TensorInfo], name: str, head_dim: int) -> int | None:
    """Heads implied by a projection's output width (ne1 = heads * head_dim)."""
    for tensor in tensors:
        if tensor.name == name and len(tensor.shape) == 2 and head_dim:
            width = tensor.shape[1]
            return width // head_dim if width % head_dim == 0 else None
    return None
