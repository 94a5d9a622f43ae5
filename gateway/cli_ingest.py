"""`enclave collections ...` and `enclave ingest PATH... --collection NAME`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
from sqlalchemy.orm import sessionmaker

from gateway.cli_admin import settings_of

SUPPORTED = {".pdf", ".txt", ".md", ".markdown", ".html", ".htm", ".docx"}


def retrieval_service(ctx: click.Context):  # type: ignore[no-untyped-def]
    from gateway.app import build_embedder, build_retrieval
    from gateway.db import DatabaseNotMigrated, make_engine, require_migrated
    from safety.doc_redaction import LazyRedactor

    settings = settings_of(ctx)
    engine = make_engine(settings.resolved_database_url)
    try:
        require_migrated(engine)
    except DatabaseNotMigrated as exc:
        raise click.ClickException(str(exc)) from exc
    sessions = sessionmaker(engine, expire_on_commit=False)
    redactor = LazyRedactor(settings.safety.spacy_model, settings.policy_file)
    return build_retrieval(settings, sessions, build_embedder(settings), redactor)


def walk(paths: tuple[Path, ...]) -> Iterator[tuple[Path, bool]]:
    """(file, wanted) under the given paths, recursively, sorted; hidden entries skipped.

    A file named on the command line is always wanted (an unsupported one is
    then an error); inside folders, files of unsupported types are skipped.
    """
    for path in paths:
        if not path.is_dir():
            yield path, True
            continue
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path).parts
            if child.is_file() and not any(part.startswith(".") for part in rel):
                yield child, child.suffix.lower() in SUPPORTED


@click.group()
def collections() -> None:
    """Create and list document collections (admin)."""


@collections.command("create")
@click.argument("name")
@click.option("--read-groups", default="", help="Comma-separated groups that may read.")
@click.option("--write-groups", default="", help="Comma-separated groups that may upload/delete.")
@click.option(
    "--redact-pii", is_flag=True, help="Store documents with PII replaced by tags ([PERSON_1])."
)
@click.pass_context
def create_collection(
    ctx: click.Context, name: str, read_groups: str, write_groups: str, redact_pii: bool
) -> None:
    """Create a collection with its group access lists."""
    from retrieval.fusion import valid_collection_name
    from retrieval.service import CollectionExists

    if not valid_collection_name(name):
        raise click.BadParameter("lowercase letters, digits, - and _ (max 63)", param_hint="NAME")

    def split(v: str) -> list[str]:
        return [g.strip() for g in v.split(",") if g.strip()]

    try:
        retrieval_service(ctx).create_collection(
            name, split(read_groups), split(write_groups), redact_pii=redact_pii
        )
    except CollectionExists as exc:
        raise click.ClickException(str(exc)) from exc
    from gateway.cli_audit import operator_event, record

    detail = {"read_groups": split(read_groups), "write_groups": split(write_groups)}
    event = operator_event("collection.create", "collections create", detail=detail)
    event.collections = [name]
    record(settings_of(ctx), event)
    click.echo(f"created collection {name}")


@collections.command("list")
@click.pass_context
def list_collections(ctx: click.Context) -> None:
    """List collections with their groups."""
    for c in retrieval_service(ctx).collections():
        click.echo(
            f"{c.name}  read={','.join(c.read_groups) or '-'}  "
            f"write={','.join(c.write_groups) or '-'}" + ("  redact_pii" if c.redact_pii else "")
        )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--collection", required=True, help="Collection to add the documents to.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], collection: str) -> None:
    """Ingest files and folders (recursively) into a collection, with progress and a summary.

    Each file is all-or-nothing: a bad file is reported with its reason and
    nothing of it is stored; the others go on. Exit status 1 if any failed.
    """
    from rich.progress import Progress

    from retrieval.parsers import IngestError
    from retrieval.service import CollectionNotFound

    service = retrieval_service(ctx)
    found = list(walk(paths))
    files = [path for path, wanted in found if wanted]
    counts = {
        "created": 0,
        "replaced": 0,
        "unchanged": 0,
        "failed": 0,
        "skipped": len(found) - len(files),
    }
    ids: list[str] = []
    with Progress(transient=False) as bar:
        task = bar.add_task(f"Ingesting into {collection}", total=len(files))
        for path in files:
            try:
                done = service.ingest(collection, path.name, path.read_bytes())
                counts[done.status] += 1
                ids.append(done.id)
                bar.console.print(
                    f"  {done.status:<9} {path}  ({done.pages} pages, {done.chunks} chunks)"
                )
            except CollectionNotFound as exc:
                raise click.ClickException(f"{exc}; create it first") from exc
            except IngestError as exc:
                counts["failed"] += 1
                bar.console.print(f"  [red]failed[/red]    {path.parent / str(exc)}")
            bar.advance(task)
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()) + f" ({len(files)} files)")
    _record_ingest(ctx, collection, ids, counts)
    if counts["failed"]:
        ctx.exit(1)


def _record_ingest(
    ctx: click.Context, collection: str, ids: list[str], counts: dict[str, int]
) -> None:
    from gateway.cli_audit import operator_event, record

    event = operator_event("ingest", "ingest", detail=counts)
    event.collections, event.document_ids = [collection], ids
    if counts["failed"]:
        event.outcome, event.status = "error", 422
    record(settings_of(ctx), event)
