"""The llama.cpp adapter: `ChatEngine` over one in-process llama-cpp-python context.

This is the only module that imports llama_cpp. One context serves one
sequence at a time, so generations run on a `SerialWorker` thread in FIFO
order; tokenization happens off the event loop, before queueing, so a request
that cannot fit the context window is refused with a 400 rather than failing
mid-stream.
"""

from __future__ import annotations

import asyncio
import codecs
import ctypes
import os
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from engine.errors import ContextWindowExceeded, EngineNotReady
from engine.protocol import (
    ChatMessage,
    EngineStats,
    Finished,
    FinishReason,
    SamplingParams,
    TextDelta,
)
from engine.stops import StopMatcher
from engine.templates import ChatTemplate, Segment, select_template
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


def plan_max_tokens(prompt_tokens: int, requested: int | None, n_ctx: int, default: int) -> int:
    """How many tokens may be generated, or ContextWindowExceeded.

    An explicit max_tokens that does not fit is the client's error (as with
    OpenAI); the default is clipped to whatever room the prompt leaves.
    """
    room = n_ctx - prompt_tokens
    if room <= 0 or (requested is not None and requested > room):
        raise ContextWindowExceeded(prompt_tokens, requested, n_ctx)
    return requested if requested is not None else min(default, room)


def open_llama(options: LlamaOptions, *, vocab_only: bool = False) -> Any:
    """Open a GGUF with llama.cpp's logging silenced (it would print prompts in debug)."""
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
            n_gpu_layers=options.n_gpu_layers,
            vocab_only=vocab_only,
            verbose=False,
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
        """The bytes of one token (cached; llama-cpp-python's own helper truncates at 32)."""
        cached = self._pieces.get(token)
        if cached is None:
            size = 64
            while True:
                buf = ctypes.create_string_buffer(size)
                n = self._lib.llama_token_to_piece(self._vocab, token, buf, size, 0, False)
                if n >= 0:
                    break
                size = -n
            cached = self._pieces[token] = buf.raw[:n]
        return cached

    def is_end(self, token: int) -> bool:
        return token in self._end_tokens or bool(self._lib.llama_vocab_is_eog(self._vocab, token))

    def run(
        self,
        tokens: list[int],
        params: SamplingParams,
        max_tokens: int,
        emit: Emit,
        cancelled: threading.Event,
    ) -> Finished:
        """Decode on the worker thread, emitting text as it becomes safe to show."""
        llm = self.llm
        if params.seed is None:
            llm.set_seed(random.getrandbits(31))
        else:
            # Reusing the cached prompt prefix replays the last prompt token in a
            # batch of one, whose float rounding differs from a full-prompt batch;
            # at temperature > 0 that changes the sample. A seeded request is a
            # request for reproducibility, so it pays for a full prompt eval.
            llm.set_seed(params.seed)
            llm.reset()
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stops = StopMatcher(params.stop)
        produced = 0
        reason: FinishReason = "length"
        gen = llm.generate(
            tokens,
            top_k=0,
            top_p=params.top_p,
            min_p=0.0,
            temp=params.temperature,
            repeat_penalty=1.0,
            frequency_penalty=params.frequency_penalty,
            presence_penalty=params.presence_penalty,
        )
        try:
            for token in gen:
                if cancelled.is_set():
                    reason = "cancelled"
                    break
                if self.is_end(token):
                    reason = "stop"
                    break
                produced += 1
                text = decoder.decode(self.piece(token))
                if text:
                    safe, hit = stops.feed(text)
                    if safe:
                        emit(TextDelta(safe))
                    if hit:
                        reason = "stop"
                        break
                if produced >= max_tokens:
                    break
        finally:
            gen.close()
        if reason == "length":
            safe, hit = stops.feed(decoder.decode(b"", final=True))
            tail = safe if hit else safe + stops.flush()
            if tail:
                emit(TextDelta(tail))
        return Finished(reason, len(tokens), produced)


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
        try:
            self._model = LoadedModel(open_llama(self.options), self.options)
        except Exception as exc:
            self.load_error = str(exc)
            raise
        self._worker.start()

    def close(self) -> None:
        self._worker.close()
        if self._model is not None:
            self._model.llm.close()
            self._model = None

    def stats(self) -> EngineStats:
        detail = None if self._model else (self.load_error or "the model is loading")
        return self._worker.stats(ready=self._model is not None, detail=detail)

    async def generate(self, messages: list[ChatMessage], params: SamplingParams) -> Job:
        model = self.model
        tokens = await asyncio.to_thread(model.tokenize_chat, messages)
        max_tokens = plan_max_tokens(
            len(tokens), params.max_tokens, model.n_ctx, self.options.default_max_tokens
        )
        work: Callable[[Emit, threading.Event], Finished] = partial(
            model.run, tokens, params, max_tokens
        )
        return self._worker.submit(work, len(tokens))
