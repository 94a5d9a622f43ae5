"""`enclave policy check [PATH]`: validate a safety policy before it goes live.

The running gateway refuses a broken edit and keeps the old policy; this lets
an admin find the mistake first, and try a text against the new rules (the
same evaluation `/v1/safety/check` runs, without a server).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gateway.cli_admin import settings_of

if TYPE_CHECKING:
    from retrieval.protocols import Embedder


@click.group()
def policy() -> None:
    """Check the safety policy file (admin)."""


@policy.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text", help="Also evaluate this text against the rules.")
@click.option("--direction", type=click.Choice(["input", "output"]), default="input")
@click.pass_context
def check(ctx: click.Context, path: Path | None, text: str | None, direction: str) -> None:
    """Validate PATH (default: the configured policy) and list its rules; exit 1 if invalid."""
    from safety.policy import PolicyError
    from safety.policy_store import PolicyStore

    path = path or settings_of(ctx).policy_file
    try:
        store = PolicyStore(path, _embedder(ctx))
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from exc
    compiled = store.current()
    click.echo(f"policy {store.path} (version {compiled.version}): valid")
    for rule in compiled.rules:
        spec = rule.spec
        scope = ",".join([*spec.roles, *spec.groups]) or "everyone"
        click.echo(
            f"  {spec.name:24s} {spec.kind:9s} {'+'.join(spec.directions):12s} "
            f"{spec.action:6s} scope={scope}"
        )
    if text is not None:
        result = compiled.evaluate(text, direction, None)  # type: ignore[arg-type]
        for decision in result.fired:
            click.echo(f"fired: {decision.rule} ({decision.action}) x{decision.count}")
        click.echo(f"blocked by: {result.blocked_by.rule}" if result.blocked_by else "not blocked")


def _embedder(ctx: click.Context) -> Callable[[Sequence[str]], list[list[float]]]:
    """The embedding model, loaded only if a rule compares by similarity (it takes seconds)."""
    model: Embedder | None = None

    def embed(texts: Sequence[str]) -> list[list[float]]:
        nonlocal model
        if model is None:
            from gateway.app import build_embedder

            model = build_embedder(settings_of(ctx))
        return model.embed(texts)

    return embed
