"""`enclave audit verify|export|prune`, and the events that shell commands leave.

Commands run by an operator on the server are admin actions too: they are
chained like requests, with the operator's login name as the actor (there is
no API key on the shell).
"""

from __future__ import annotations

import getpass
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import sessionmaker

from gateway.cli_admin import parse_date, settings_of
from gateway.settings import Settings
from safety.audit.events import OUTCOMES, AuditEvent
from safety.audit.store import AuditUnavailable, SqlAuditLog


def audit_log(settings: Settings) -> SqlAuditLog:
    """The audit log on the configured (migrated) database."""
    from gateway.audit_trail import open_audit_log
    from gateway.db import DatabaseNotMigrated, make_engine, require_migrated

    engine = make_engine(settings.resolved_database_url)
    try:
        require_migrated(engine)
    except DatabaseNotMigrated as exc:
        raise click.ClickException(str(exc)) from exc
    return open_audit_log(settings, sessionmaker(engine, expire_on_commit=False))


def ensure_audit_key(settings: Settings) -> None:
    """Make the audit key file once, here, if no key is configured."""
    from gateway.keys import load_secret

    if settings.audit.hmac_key is None:
        load_secret(None, settings.resolved_audit_key_file)


def operator_event(action: str, command: str, **fields: Any) -> AuditEvent:
    """An event for a shell command; the actor is the operator's login, not a key."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        who = "unknown"
    return AuditEvent(
        action, method="CLI", path=command, actor_name=f"cli:{who}", role="operator", **fields
    )


def record(settings: Settings, event: AuditEvent) -> int:
    """Chain a shell command's event; a command whose record fails reports it loudly."""
    try:
        return audit_log(settings).append(event)
    except AuditUnavailable as exc:
        raise click.ClickException(f"{exc}: the action was done but not recorded") from exc


@click.group()
def audit() -> None:
    """Verify, export and prune the tamper-evident audit log."""


@audit.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Recompute the HMAC chain; exit 1 and name the first bad event if anything was changed."""
    settings = settings_of(ctx)
    verdict = audit_log(settings).verify()
    click.echo(json.dumps(verdict.as_dict()))
    record(
        settings,
        operator_event(
            "audit.verify", "audit verify", detail={"ok": verdict.ok, "checked": verdict.checked}
        ),
    )
    if not verdict.ok:
        ctx.exit(1)


@audit.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@click.option("--since", default=None, help="From this ISO date or date-time (UTC if no zone).")
@click.option("--until", default=None, help="Before this ISO date or date-time.")
@click.option("--actor", default=None, help="Key id or name.")
@click.option("--action", default=None, help="e.g. chat, ingest, key.create.")
@click.option("--outcome", type=click.Choice(OUTCOMES), default=None)
@click.option("--rule", default=None, help="Events where this policy rule fired.")
@click.option("--collection", default=None)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, **filters: str | None) -> None:
    """Write matching events oldest first, streamed (bounded memory at any size)."""
    from safety.audit.query import AuditReader, EventFilter, csv_lines, jsonl_lines

    settings = settings_of(ctx)
    log_ = audit_log(settings)
    where = EventFilter(
        **{
            **filters,
            "since": parse_date(filters["since"]),
            "until": parse_date(filters["until"]),
        }  # type: ignore[arg-type]
    )
    lines = (csv_lines if fmt == "csv" else jsonl_lines)(AuditReader(log_.sessions).events(where))
    used = sorted(k for k, v in filters.items() if v)
    record(settings, operator_event("audit.export", "audit export", detail={"filters": used}))
    out = output.open("wb") if output else sys.stdout.buffer
    try:
        for line in lines:
            out.write(line)
    finally:
        if output:
            out.close()


@audit.command()
@click.option("--before", required=True, help="Remove events older than this ISO date.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def prune(ctx: click.Context, before: str, yes: bool) -> None:
    """Remove old events, leaving a signed checkpoint so the rest still verifies.

    The prune is itself an event. Events are cut in chain order: the cut stops
    at the first event newer than --before.
    """
    settings = settings_of(ctx)
    cutoff = parse_date(before)
    assert cutoff is not None
    if cutoff > datetime.now(UTC):
        raise click.BadParameter(
            "is in the future: that would remove everything", param_hint="--before"
        )
    if not yes:
        click.confirm(f"Remove audit events older than {cutoff.isoformat()}?", abort=True)
    try:
        result = audit_log(settings).prune(cutoff, operator_event("audit.prune", "audit prune"))
    except AuditUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"pruned {result.pruned} events (through id {result.through_id}); "
        f"recorded as event {result.event_id}"
    )
