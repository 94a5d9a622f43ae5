"""`enclave db ...` and `enclave keys ...`: the database and API keys from the shell."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from sqlalchemy.orm import sessionmaker

from gateway.settings import Settings


def key_store(settings: Settings):  # type: ignore[no-untyped-def]
    """A KeyStore on the configured database (which must be migrated)."""
    from gateway.db import DatabaseNotMigrated, make_engine, require_migrated
    from gateway.keys import KeyStore, load_secret

    engine = make_engine(settings.resolved_database_url)
    try:
        require_migrated(engine)
    except DatabaseNotMigrated as exc:
        raise click.ClickException(str(exc)) from exc
    secret = settings.auth.secret.get_secret_value() if settings.auth.secret else None
    return KeyStore(sessionmaker(engine), load_secret(secret, settings.resolved_secret_file))


def ensure_first_admin(settings: Settings) -> None:
    """On an empty key table, make one admin key and print it once, with what to do next."""
    store = key_store(settings)
    if store.count():
        return
    key, _ = store.create("first admin", "admin")
    click.echo(
        "\nNo API keys yet: created the first admin key (shown only now, store it safely):\n"
        f"  {key}\n"
        "Create keys for people with, for example:\n"
        "  enclave keys create --name alice --role user --groups finance\n"
        "  (or POST /v1/admin/keys with this admin key)\n"
    )


def parse_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    from gateway.schemas import iso_datetime

    try:
        return iso_datetime(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date or date-time: {value}") from exc


def settings_of(ctx: click.Context) -> Settings:
    """Settings for a command, from --config / ENCLAVE_* (a bad file is a clean error)."""
    from gateway.settings import SettingsFileError, load_settings

    try:
        return load_settings(ctx.obj.get("config") if ctx.obj else None)
    except (SettingsFileError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def db() -> None:
    """The project database (SQLite by default, PostgreSQL in compose)."""


@db.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Create or migrate the database schema to this version (Alembic)."""
    from gateway.db import upgrade as run_upgrade

    run_upgrade(settings_of(ctx).resolved_database_url)
    click.echo("database is up to date")


@click.group()
def keys() -> None:
    """Create, list and revoke API keys."""


@keys.command("create")
@click.option("--name", required=True, help="Who or what the key is for.")
@click.option("--role", required=True, type=click.Choice(["user", "compliance", "admin"]))
@click.option("--groups", default="", help="Comma-separated groups (collection access).")
@click.option("--expires", default=None, help="Expiry, ISO date or date-time (UTC if no zone).")
@click.pass_context
def create(ctx: click.Context, name: str, role: str, groups: str, expires: str | None) -> None:
    """Make a key; it is printed once, alone on the last line."""
    from gateway.cli_audit import operator_event, record

    settings = settings_of(ctx)
    group_list = tuple(g.strip() for g in groups.split(",") if g.strip())
    key, info = key_store(settings).create(
        name,
        role,  # type: ignore[arg-type]
        group_list,
        parse_date(expires),
    )
    click.echo(f"created {info.id} ({info.prefix}) role={info.role} groups={','.join(info.groups)}")
    click.echo(key)  # the key exists now: shown even if recording it fails below
    detail = {"key_id": info.id, "role": info.role, "groups": list(info.groups)}
    record(settings, operator_event("key.create", "keys create", detail=detail))


@keys.command("list")
@click.pass_context
def list_keys(ctx: click.Context) -> None:
    """List keys (prefixes, never the keys)."""
    now = datetime.now(UTC)
    for k in key_store(settings_of(ctx)).list():
        last = k.as_dict()["last_used_at"] or "never"
        click.echo(
            f"{k.id}  {k.prefix}  {k.role:<10} {k.status(now):<8} "
            f"groups={','.join(k.groups) or '-'}  name={k.name}  last_used={last}"
        )


@keys.command()
@click.argument("key_id")
@click.pass_context
def revoke(ctx: click.Context, key_id: str) -> None:
    """Revoke a key by id or prefix; it stops working at once, in every worker."""
    from gateway.cli_audit import operator_event, record
    from gateway.keys import KeyNotFound

    settings = settings_of(ctx)
    try:
        info = key_store(settings).revoke(key_id)
    except KeyNotFound as exc:
        raise click.ClickException(f"no key with id or prefix '{key_id}'") from exc
    record(settings, operator_event("key.revoke", "keys revoke", detail={"key_id": info.id}))
    click.echo(f"revoked {info.id} ({info.prefix})")
