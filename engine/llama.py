"""The llama.cpp adapter: `ChatEngine` over one in-process llama-cpp-python context.

This is the only module that imports llama_cpp. One context serves one
sequence at a time, so generations run on a `SerialWorker` thread in FIFO
order; tokenization happens off the event loop, before queueing, so a request
that cannot fit the context window is refused with a 400 rather than failing
mid-stream.
"""

from __future__ import annotations

import asyncio
import ctypes
import json
import os
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from engine.answer import AnswerStream
from engine.errors import ContextWindowExceeded, EngineNotReady, UnsupportedSchema
from engine.protocol import (
    ChatMessage,
    EngineStats,
    Finished,
    FinishReason,
    SamplingParams,
)
from engine.structured import AutoJsonCallParser, JsonCallParser, OutputPlan, plan_output
from engine.templates import ChatTemplate, OutputParser, Segment, select_template
from engine.worker import Emit, Job, SerialWorker


@dataclass(frozen=True, slots=True)
class LlamaOptions:
    """Everything needed to open a GGUF; built from EngineSettings by the gateway."""

    model_path: Path
    model_id: str | None = None
    n_ctx: int = 8192
    n_threads: int | None = None
    n_batch: int = 512
    n_gpu_layers: int = 0
    chat_template: str | None = None
    default_max_tokens: int = 1024
    max_queue: int = 32
    swa_full: bool | None = None  # None: llama.cpp's default (full-size SWA cache)
    gpu_memory_bytes: int | None = None  # free VRAM to plan for when offloading


def prefix_reuse_is_safe(
    reuse: int, n_cached: int, pos_min: int, window: int | None, swa_full: bool
) -> bool:
    """Whether keeping the first `reuse` cached tokens gives correct attention.

    llama-cpp-python reuses the longest cached prompt prefix and removes the
    rest. With a small (not full-size) sliding-window cache, positions older
    than the window were already evicted while the longer sequence was
    decoded, and the removal still reports success: the next token would then
    attend to a window that is no longer there (measured: logits off by 0.5 on
    the tiny gpt-oss model). Safe when nothing is removed, when the cache is
    full size, or when the window before `reuse` is still cached.
    """
    if reuse <= 0 or reuse >= n_cached or swa_full or not window:
        return True
    return 0 <= pos_min <= max(0, reuse - window + 1)


def plan_max_tokens(prompt_tokens: int, requested: int | None, n_ctx: int, default: int) -> int:
    """How many tokens may be generated, or ContextWindowExceeded.

    An explicit max_tokens that does not fit is the client's error (as with
    OpenAI); the default is clipped to whatever room the prompt leaves.
    """
    room = n_ctx - prompt_tokens
    if room <= 0 or (requested is not None and requested > room):
        raise ContextWindowExceeded(prompt_tokens, requested, n_ctx)
    return requested if requested is not None else min(default, room)


def open_llama(
    options: LlamaOptions, *, vocab_only: bool = False, extra: Mapping[str, Any] | None = None
) -> Any:
    """Open a GGUF with llama.cpp's logging silenced (it would print prompts in debug).

    `extra` carries what the load plan decided (flash attention, KV cache
    types, kv_overrides); see engine.loading.
    """
    import llama_cpp

    if not options.model_path.is_file():
        raise EngineNotReady(f"model file not found: {options.model_path}")
    threads = options.n_threads or os.cpu_count() or 1
    try:
        return llama_cpp.Llama(
            model_path=str(options.model_path),
            n_ctx=options.n_ctx,
            n_threads=threads,
            n_threads_batch=threads,
            n_batch=options.n_batch,
            n_ubatch=options.n_batch,
            n_gpu_layers=options.n_gpu_layers,
            swa_full=options.swa_full,
            vocab_only=vocab_only,
            verbose=False,
            **(extra or {}),
        )
    except ValueError as exc:  # llama-cpp-python's "Failed to load model from file"
        raise EngineNotReady(f"llama.cpp could not load {options.model_path.name}: {exc}") from exc


class LoadedModel:
    """A loaded llama.cpp model plus what Enclave derives from it once."""

    def __init__(self, llm: Any, options: LlamaOptions) -> None:
        import llama_cpp

        self.llm = llm
        self._lib = llama_cpp
        self._vocab = llm._model.vocab
        self.metadata: Mapping[str, str] = dict(llm.metadata)
        self.n_ctx = llm.n_ctx()
        self._bos = llm.token_bos()
        self._add_bos = bool(llama_cpp.llama_vocab_get_add_bos(self._vocab))
        self._pieces: dict[int, bytes] = {}
        self.template = self._select_template(options)
        arch = self.metadata.get("general.architecture", "")
        window = self.metadata.get(f"{arch}.attention.sliding_window")
        self.window = int(window) if window else None
        self.swa_full = options.swa_full is not False  # llama.cpp's default is full size
        self._end_tokens = self._marker_tokens(self.template.end_markers)

    def _select_template(self, options: LlamaOptions) -> ChatTemplate:
        override = options.chat_template
        source = None
        if override is not None and Path(override).is_file():
            source = Path(override).read_text(encoding="utf-8")
        special = partial(self.llm.detokenize, special=True)
        bos = special([self._bos]).decode("utf-8", "replace") if self._bos >= 0 else ""
        eos_id = self.llm.token_eos()
        eos = special([eos_id]).decode("utf-8", "replace") if eos_id >= 0 else ""
        return select_template(
            self.metadata, bos_token=bos, eos_token=eos, override=override, override_source=source
        )

    def _marker_tokens(self, markers: Sequence[str]) -> frozenset[int]:
        """Token ids of markers that are single special tokens in this vocabulary."""
        ids = set()
        for marker in markers:
            tokens = self.llm.tokenize(marker.encode(), add_bos=False, special=True)
            if len(tokens) == 1:
                ids.add(tokens[0])
        return frozenset(ids)

    @property
    def architecture(self) -> str:
        return self.metadata.get("general.architecture", "unknown")

    def tokenize_segments(self, segments: Sequence[Segment]) -> list[int]:
        tokens: list[int] = []
        for seg in segments:
            if seg.text:
                tokens += self.llm.tokenize(seg.text.encode(), add_bos=False, special=seg.markup)
        if self._add_bos and self._bos >= 0 and tokens[:1] != [self._bos]:
            tokens.insert(0, self._bos)
        return tokens

    def tokenize_chat(self, messages: Sequence[ChatMessage]) -> list[int]:
        return self.tokenize_segments(self.template.render(messages))

    def piece(self, token: int) -> bytes:
        """The bytes of one token (cached; llama-cpp-python's own helper truncates at 32).

        Special tokens come out as their text only for templates whose output
        parser needs them (harmony's channel markup).
        """
        cached = self._pieces.get(token)
        if cached is None:
            size = 64
            while True:
                buf = ctypes.create_string_buffer(size)
                n = self._lib.llama_token_to_piece(
                    self._vocab, token, buf, size, 0, self.template.special_output
                )
                if n >= 0:
                    break
                size = -n
            cached = self._pieces[token] = buf.raw[:n]
        return cached

    def is_end(self, token: int) -> bool:
        return token in self._end_tokens or bool(self._lib.llama_vocab_is_eog(self._vocab, token))

    def prepare(
        self, messages: Sequence[ChatMessage], params: SamplingParams
    ) -> tuple[list[int], OutputPlan, Any]:
        """Prompt tokens, output plan and grammar for a request (raises on bad input)."""
        plan = plan_output(params, native_tools=self.template.native_tools)
        tokens = self.tokenize_segments(self.template.render(messages, plan.render))
        grammar = build_grammar(plan.schema)
        if grammar is not None:
            self._check_grammar(grammar)
        return tokens, plan, grammar

    def _check_grammar(self, grammar: Any) -> None:
        """Parse the grammar with llama.cpp now: a grammar it rejects would otherwise become
        a NULL sampler inside generate() and crash the process (measured: SIGSEGV for a
        schema with a pattern such as ^\\d+$)."""
        sampler = self._lib.llama_sampler_init_grammar(
            self._vocab, grammar._grammar.encode(), grammar._root.encode()
        )
        if not sampler:
            raise UnsupportedSchema(
                "llama.cpp cannot build a grammar for this JSON Schema (regex patterns with "
                "escapes such as \\d or \\w are not supported)"
            )
        self._lib.llama_sampler_free(sampler)

    def run(
        self,
        tokens: list[int],
        params: SamplingParams,
        plan: OutputPlan,
        grammar: Any,
        max_tokens: int,
        emit: Emit,
        cancelled: threading.Event,
    ) -> Finished:
        """Decode on the worker thread, emitting events as they become safe to show."""
        if cancelled.is_set():  # left while queued: skip the prompt evaluation too
            return Finished("cancelled", len(tokens), 0)
        self._seed(params.seed)
        self._guard_prefix_reuse(tokens)
        stream = AnswerStream(self._parser(plan), params.stop)
        gen = self.llm.generate(
            tokens,
            top_k=0,
            top_p=params.top_p,
            min_p=0.0,
            temp=params.temperature,
            repeat_penalty=1.0,
            frequency_penalty=params.frequency_penalty,
            presence_penalty=params.presence_penalty,
            grammar=grammar,
        )
        try:
            reason, produced = self._decode(gen, stream, max_tokens, emit, cancelled)
        finally:
            gen.close()
        if reason != "cancelled":
            for event in stream.finish():
                emit(event)
            if stream.called_tool and reason == "stop":
                reason = "tool_calls"
        return Finished(reason, len(tokens), produced)

    def _decode(
        self,
        gen: Any,
        stream: AnswerStream,
        max_tokens: int,
        emit: Emit,
        cancelled: threading.Event,
    ) -> tuple[FinishReason, int]:
        """The per-token loop: stop on cancel, end-of-generation, a stop string or the budget."""
        produced = 0
        for token in gen:
            if cancelled.is_set():
                return "cancelled", produced
            end = self.is_end(token)
            if not end:
                produced += 1
            if not end or self.template.special_output:
                for event in stream.feed(self.piece(token)):
                    emit(event)
            if end or stream.stopped:
                return "stop", produced
            if produced >= max_tokens:
                break
        return "length", produced

    def _guard_prefix_reuse(self, tokens: list[int]) -> None:
        """Start from scratch when the cached prefix is unusable (prefix_reuse_is_safe)."""
        llm = self.llm
        cached = llm.n_tokens
        prefix = 0
        for a, b in zip(llm._input_ids[:cached].tolist(), tokens, strict=False):
            if a != b:
                break
            prefix += 1
        reuse = prefix - 1 if prefix == len(tokens) else prefix  # as llama-cpp-python does
        mem = self._lib.llama_get_memory(llm._ctx.ctx)
        pos_min = self._lib.llama_memory_seq_pos_min(mem, 0) if mem is not None else -1
        if not prefix_reuse_is_safe(reuse, cached, pos_min, self.window, self.swa_full):
            llm.reset()

    def _seed(self, seed: int | None) -> None:
        if seed is None:
            self.llm.set_seed(random.getrandbits(31))
            return
        # Reusing the cached prompt prefix replays the last prompt token in a
        # batch of one, whose float rounding differs from a full-prompt batch;
        # at temperature > 0 that changes the sample. A seeded request is a
        # request for reproducibility, so it pays for a full prompt eval.
        self.llm.set_seed(seed)
        self.llm.reset()

    def _parser(self, plan: OutputPlan) -> OutputParser:
        parser = self.template.new_parser(plan.render)
        if plan.wrap_call is not None:
            return JsonCallParser(parser, plan.wrap_call)
        if plan.auto_call is not None:
            return AutoJsonCallParser(parser, plan.auto_call)
        return parser


def build_grammar(schema: Mapping[str, Any] | None) -> Any:
    """llama.cpp grammar for a JSON Schema; an unsupported schema is the client's error."""
    if schema is None:
        return None
    import llama_cpp

    try:
        return llama_cpp.LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
    except Exception as exc:  # the converter raises assorted types on bad schemas
        raise UnsupportedSchema(f"cannot constrain output to this JSON Schema: {exc}") from None


class LlamaCppEngine:
    """ChatEngine over llama.cpp. `load()` is blocking; call it off the event loop."""

    def __init__(self, options: LlamaOptions) -> None:
        self.options = options
        self._worker = SerialWorker(options.max_queue)
        self._model: LoadedModel | None = None
        self.load_error: str | None = None

    @property
    def model_id(self) -> str:
        return self.options.model_id or self.options.model_path.stem

    @property
    def context_length(self) -> int:
        return self._model.n_ctx if self._model else self.options.n_ctx

    @property
    def model(self) -> LoadedModel:
        if self._model is None:
            raise EngineNotReady(self.load_error or "the model is still loading")
        return self._model

    def load(self) -> None:
        from engine.loading import plan_load

        try:
            options, extra = plan_load(self.options)
            self._model = LoadedModel(open_llama(options, extra=extra), options)
        except Exception as exc:
            self.load_error = str(exc)
            raise
        self._worker.start()

    def close(self) -> None:
        self._worker.close()
        if self._model is not None and not self._worker.alive:
            self._model.llm.close()  # never under a thread still decoding (use after free)
        self._model = None

    def stats(self) -> EngineStats:
        detail = None if self._model else (self.load_error or "the model is loading")
        return self._worker.stats(ready=self._model is not None, detail=detail)

    async def generate(self, messages: list[ChatMessage], params: SamplingParams) -> Job:
        model = self.model
        tokens, plan, grammar = await asyncio.to_thread(model.prepare, messages, params)
        max_tokens = plan_max_tokens(
            len(tokens), params.max_tokens, model.n_ctx, self.options.default_max_tokens
        )
        work: Callable[[Emit, threading.Event], Finished] = partial(
            model.run, tokens, params, plan, grammar, max_tokens
        )
        return self._worker.submit(work, len(tokens))
