"""Tiny random-weight GGUFs with the real gpt-oss layout, for tests and the self-test.

No model can be downloaded here, yet the gpt-oss code path in llama.cpp (MoE
router with biases, SwiGLU-OAI experts, attention sinks, alternating
sliding-window/full layers, GQA, YaRN RoPE, harmony special tokens) must be
exercised. So we write, with the `gguf` package, a file whose metadata keys,
tensor names and tensor layouts are those that llama.cpp's converter
(`conversion/gpt_oss.py` + `TextModel.set_gguf_parameters`) writes for
gpt-oss-20b, only with tiny dimensions and random F32 weights. F32 means the
NumPy reference (`engine.reference`) computes with exactly the numbers
llama.cpp uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gguf
import numpy as np

ARCH = "gpt-oss"

# o200k_harmony's special tokens in their real relative order (ids 199998…200018);
# the reserved ones keep their real names so the vocabulary reads like the original.
HARMONY_SPECIALS: tuple[str, ...] = (
    "<|startoftext|>",
    "<|endoftext|>",
    "<|reserved_200000|>",
    "<|reserved_200001|>",
    "<|return|>",
    "<|constrain|>",
    "<|reserved_200004|>",
    "<|channel|>",
    "<|start|>",
    "<|end|>",
    "<|message|>",
    "<|reserved_200009|>",
    "<|reserved_200010|>",
    "<|reserved_200011|>",
    "<|call|>",
    "<|reserved_200013|>",
    "<|reserved_200014|>",
    "<|reserved_200015|>",
    "<|reserved_200016|>",
    "<|reserved_200017|>",
    "<|endofprompt|>",
)

# A handful of GPT-2 style merges: llama.cpp refuses a BPE vocab without merges,
# and the gguf writer silently drops an empty list.
_MERGES: tuple[tuple[str, str], ...] = (
    ("Ġ", "t"),
    ("h", "e"),
    ("i", "n"),
    ("e", "r"),
    ("Ġ", "a"),
    ("Ġt", "he"),
    ("o", "n"),
    ("r", "e"),
)


@dataclass(frozen=True, slots=True)
class TinyGptOssConfig:
    """Shape of the tiny model; defaults keep a forward pass in milliseconds.

    head_count * head_dim (128) differs from embedding_length (64) on purpose,
    as in gpt-oss-20b (64 * 64 != 2880), so a reference that confuses the two fails.
    """

    n_layer: int = 4
    n_embd: int = 64
    n_head: int = 8
    n_head_kv: int = 2
    head_dim: int = 16
    n_expert: int = 4
    n_expert_used: int = 2
    n_ff_exp: int = 64
    sliding_window: int = 8
    context_length: int = 131072
    rope_freq_base: float = 150000.0
    rope_scaling_factor: float = 32.0
    rope_orig_ctx: int = 4096
    rms_eps: float = 1e-5


def write_tiny_gptoss(
    path: Path,
    *,
    seed: int = 0,
    config: TinyGptOssConfig | None = None,
    chat_template: str | None = None,
) -> Path:
    """Write a tiny gpt-oss GGUF with random weights to `path` and return it.

    The same seed and config always give the same bytes. A real conversion
    also carries `tokenizer.chat_template` (the harmony Jinja template); it is
    written only when given, so tests choose whether the engine finds one.
    """
    cfg = config or TinyGptOssConfig()
    tokens, types, merges = harmony_vocab()
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), ARCH)
    try:
        _add_general(writer)
        _add_hparams(writer, cfg)
        _add_tokenizer(writer, tokens, types, merges)
        if chat_template is not None:
            writer.add_chat_template(chat_template)
        rng = np.random.default_rng(seed)
        for name, array in gptoss_tensors(cfg, len(tokens), rng).items():
            writer.add_tensor(name, array)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
    finally:
        writer.close()
    return path


def _add_general(writer: gguf.GGUFWriter) -> None:
    writer.add_type(gguf.GGUFType.MODEL)
    writer.add_name("tiny-gpt-oss")
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)


def _add_hparams(writer: gguf.GGUFWriter, cfg: TinyGptOssConfig) -> None:
    """The keys TextModel.set_gguf_parameters + GptOssModel write for gpt-oss-20b.

    Several have wrong fallbacks in llama.cpp (head_count_kv defaults to
    head_count, key_length to n_embd / n_head, rope base to 10000, scaling to
    linear), so all are written explicitly, like the converter does.
    """
    writer.add_block_count(cfg.n_layer)
    writer.add_context_length(cfg.context_length)
    writer.add_embedding_length(cfg.n_embd)
    writer.add_feed_forward_length(cfg.n_ff_exp)  # config.intermediate_size
    writer.add_head_count(cfg.n_head)
    writer.add_head_count_kv(cfg.n_head_kv)
    writer.add_rope_scaling_type(gguf.RopeScalingType.YARN)
    writer.add_rope_scaling_factor(cfg.rope_scaling_factor)
    writer.add_rope_scaling_orig_ctx_len(cfg.rope_orig_ctx)
    writer.add_rope_scaling_yarn_beta_fast(32.0)
    writer.add_rope_scaling_yarn_beta_slow(1.0)
    writer.add_rope_freq_base(cfg.rope_freq_base)
    writer.add_layer_norm_rms_eps(cfg.rms_eps)
    writer.add_expert_count(cfg.n_expert)
    writer.add_expert_used_count(cfg.n_expert_used)
    writer.add_key_length(cfg.head_dim)
    writer.add_value_length(cfg.head_dim)
    writer.add_sliding_window(cfg.sliding_window)
    writer.add_expert_feed_forward_length(cfg.n_ff_exp)


def _add_tokenizer(
    writer: gguf.GGUFWriter, tokens: list[str], types: list[int], merges: list[str]
) -> None:
    """gpt2-style BPE with the gpt-4o pre-tokenizer, as `_set_vocab_gpt2` writes it."""
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("gpt-4o")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_bos_token_id(tokens.index("<|startoftext|>"))
    writer.add_eos_token_id(tokens.index("<|return|>"))
    writer.add_pad_token_id(tokens.index("<|endoftext|>"))


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte -> printable character map (byte-level BPE alphabet)."""
    printable = [*range(33, 127), *range(161, 173), *range(174, 256)]
    chars = list(printable)
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(printable, chars, strict=True)}


def harmony_vocab() -> tuple[list[str], list[int], list[str]]:
    """Tokens, token types and merges: 256 byte tokens, merged tokens, harmony specials.

    Byte tokens come first in GPT-2 order (as in o200k, where id 0 is '!'),
    and every special is CONTROL, as the converter marks added special tokens;
    llama.cpp itself then demotes <|channel|> <|message|> <|start|>
    <|constrain|> (and <|end|>) to USER_DEFINED at load.
    """
    tokens = list(bytes_to_unicode().values())
    types = [int(gguf.TokenType.NORMAL)] * len(tokens)
    for left, right in _MERGES:
        tokens.append(left + right)
        types.append(int(gguf.TokenType.NORMAL))
    tokens.extend(HARMONY_SPECIALS)
    types.extend([int(gguf.TokenType.CONTROL)] * len(HARMONY_SPECIALS))
    merges = [f"{left} {right}" for left, right in _MERGES]
    return tokens, types, merges


def tensor_name(tensor: gguf.MODEL_TENSOR, suffix: str, bid: int | None = None) -> str:
    """GGUF tensor name from gguf's own table, so names cannot drift from the converter's."""
    base = gguf.TENSOR_NAMES[tensor]
    return (base.format(bid=bid) if bid is not None else base) + "." + suffix


def gptoss_tensors(
    cfg: TinyGptOssConfig, n_vocab: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """All tensors, NumPy shape = reversed ggml shape (so [out, in] for matrices).

    Matrices are scaled by 1/sqrt(fan_in) so activations stay O(1); norms,
    biases and sinks get visible spread so that each of them matters.
    """
    t = gguf.MODEL_TENSOR
    out = {
        tensor_name(t.TOKEN_EMBD, "weight"): _normal(rng, (n_vocab, cfg.n_embd), 1.0),
        tensor_name(t.OUTPUT_NORM, "weight"): _norm_weight(rng, cfg.n_embd),
        tensor_name(t.OUTPUT, "weight"): _matrix(rng, n_vocab, cfg.n_embd),
    }
    for bid in range(cfg.n_layer):
        out.update(_attention_tensors(cfg, bid, rng))
        out.update(_moe_tensors(cfg, bid, rng))
    return out


def _attention_tensors(
    cfg: TinyGptOssConfig, bid: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    t = gguf.MODEL_TENSOR
    q_dim, kv_dim = cfg.n_head * cfg.head_dim, cfg.n_head_kv * cfg.head_dim
    return {
        tensor_name(t.ATTN_NORM, "weight", bid): _norm_weight(rng, cfg.n_embd),
        tensor_name(t.ATTN_Q, "weight", bid): _matrix(rng, q_dim, cfg.n_embd),
        tensor_name(t.ATTN_Q, "bias", bid): _normal(rng, (q_dim,), 0.2),
        tensor_name(t.ATTN_K, "weight", bid): _matrix(rng, kv_dim, cfg.n_embd),
        tensor_name(t.ATTN_K, "bias", bid): _normal(rng, (kv_dim,), 0.2),
        tensor_name(t.ATTN_V, "weight", bid): _matrix(rng, kv_dim, cfg.n_embd),
        tensor_name(t.ATTN_V, "bias", bid): _normal(rng, (kv_dim,), 0.2),
        tensor_name(t.ATTN_OUT, "weight", bid): _matrix(rng, cfg.n_embd, q_dim),
        tensor_name(t.ATTN_OUT, "bias", bid): _normal(rng, (cfg.n_embd,), 0.2),
        tensor_name(t.ATTN_SINKS, "weight", bid): _normal(rng, (cfg.n_head,), 1.0),
        tensor_name(t.ATTN_POST_NORM, "weight", bid): _norm_weight(rng, cfg.n_embd),
    }


def _moe_tensors(
    cfg: TinyGptOssConfig, bid: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    t = gguf.MODEL_TENSOR
    e, ff, d = cfg.n_expert, cfg.n_ff_exp, cfg.n_embd
    return {
        tensor_name(t.FFN_GATE_INP, "weight", bid): _normal(rng, (e, d), 2.0 / np.sqrt(d)),
        tensor_name(t.FFN_GATE_INP, "bias", bid): _normal(rng, (e,), 0.5),
        tensor_name(t.FFN_GATE_EXP, "weight", bid): _normal(rng, (e, ff, d), 1.0 / np.sqrt(d)),
        tensor_name(t.FFN_GATE_EXP, "bias", bid): _normal(rng, (e, ff), 0.2),
        tensor_name(t.FFN_UP_EXP, "weight", bid): _normal(rng, (e, ff, d), 1.0 / np.sqrt(d)),
        tensor_name(t.FFN_UP_EXP, "bias", bid): _normal(rng, (e, ff), 0.2),
        tensor_name(t.FFN_DOWN_EXP, "weight", bid): _normal(rng, (e, d, ff), 1.0 / np.sqrt(ff)),
        tensor_name(t.FFN_DOWN_EXP, "bias", bid): _normal(rng, (e, d), 0.2),
    }


def _normal(rng: np.random.Generator, shape: tuple[int, ...], std: float) -> np.ndarray:
    return (rng.standard_normal(shape) * std).astype(np.float32)


def _matrix(rng: np.random.Generator, n_out: int, n_in: int) -> np.ndarray:
    return _normal(rng, (n_out, n_in), 1.0 / np.sqrt(n_in))


def _norm_weight(rng: np.random.Generator, n: int) -> np.ndarray:
    return (1.0 + rng.standard_normal(n) * 0.2).astype(np.float32)
