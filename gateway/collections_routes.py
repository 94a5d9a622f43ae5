"""Collections and their documents. Access to each collection follows its groups.

A collection the key may not read answers 404, exactly like one that does not
exist, so names cannot be probed; one it may read but not write answers 403
on writes.
"""

from __future__ import annotations

from typing import Annotated

import anyio
import msgspec
from litestar import Request, delete, get, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import FromPath
from msgspec import Meta

from gateway.access import Forbidden
from gateway.audit_context import RequestAudit
from gateway.errors import ApiError, BadRequest, InvalidJSON, NotReady, PayloadTooLarge
from gateway.grounding import CollectionNotFoundError
from gateway.keys import Principal
from retrieval.fusion import may_read, may_write, valid_collection_name
from retrieval.registry import Collection
from retrieval.service import (
    CollectionExists,
    DocumentNotFound,
    Ingested,
    RedactionUnavailable,
    Retrieval,
)

Group = Annotated[str, Meta(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]


class NewCollection(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]
    read_groups: list[Group] = []
    write_groups: list[Group] = []
    description: Annotated[str, Meta(max_length=500)] = ""
    redact_pii: bool = False  # store documents with PII replaced by tags


class Conflict(ApiError):
    status = 409
    default_code = "collection_exists"


class IngestFailed(ApiError):
    status = 422
    default_code = "unprocessable_document"


def _view(c: Collection, principal: Principal) -> dict[str, object]:
    view: dict[str, object] = {
        "name": c.name,
        "description": c.description,
        "writable": may_write(principal.role, principal.groups, c.write_groups),
        "redact_pii": c.redact_pii,
    }
    if principal.role == "admin":
        view |= {"read_groups": c.read_groups, "write_groups": c.write_groups}
    return view


async def _readable(retrieval: Retrieval, principal: Principal, name: str) -> Collection:
    if not valid_collection_name(name):
        raise CollectionNotFoundError("collection not found", param="name")
    from retrieval.service import CollectionNotFound

    try:
        c = await anyio.to_thread.run_sync(retrieval.collection, name)
    except CollectionNotFound:
        raise CollectionNotFoundError(f"collection '{name}' not found", param="name") from None
    if not may_read(principal.role, principal.groups, c.read_groups):
        raise CollectionNotFoundError(f"collection '{name}' not found", param="name")
    return c


async def _writable(retrieval: Retrieval, principal: Principal, name: str) -> Collection:
    c = await _readable(retrieval, principal, name)
    if not may_write(principal.role, principal.groups, c.write_groups):
        raise Forbidden(f"this key's groups may not change collection '{name}'")
    return c


@post("/v1/collections", status_code=201)
async def create_collection(
    request: Request,
    retrieval: NamedDependency[Retrieval],
    principal: NamedDependency[Principal],
    audit: NamedDependency[RequestAudit],
) -> dict[str, object]:
    try:
        new = msgspec.json.decode(await request.body(), type=NewCollection)
    except msgspec.ValidationError as exc:
        raise BadRequest(f"Invalid collection: {exc}") from None
    except msgspec.DecodeError as exc:
        raise InvalidJSON(f"the request body is not valid JSON: {exc}") from None
    audit.sources([new.name], [])
    audit.detail.update(read_groups=new.read_groups, write_groups=new.write_groups)
    try:
        c = await anyio.to_thread.run_sync(
            retrieval.create_collection,
            new.name,
            new.read_groups,
            new.write_groups,
            new.description,
            new.redact_pii,
        )
    except CollectionExists as exc:
        raise Conflict(str(exc), param="name") from None
    return _view(c, principal)


@get("/v1/collections")
async def list_collections(
    retrieval: NamedDependency[Retrieval], principal: NamedDependency[Principal]
) -> dict[str, object]:
    rows = await anyio.to_thread.run_sync(retrieval.collections)
    visible = [c for c in rows if may_read(principal.role, principal.groups, c.read_groups)]
    return {"object": "list", "data": [_view(c, principal) for c in visible]}


@delete("/v1/collections/{name:str}", status_code=200)
async def delete_collection(
    name: FromPath[str],
    retrieval: NamedDependency[Retrieval],
    principal: NamedDependency[Principal],
    audit: NamedDependency[RequestAudit],
) -> dict[str, object]:
    audit.sources([name[:64]], [])
    await _readable(retrieval, principal, name)
    await anyio.to_thread.run_sync(retrieval.delete_collection, name)
    return {"name": name, "deleted": True}


@post("/v1/collections/{name:str}/documents", status_code=201)
async def upload_document(
    name: FromPath[str],
    request: Request,
    retrieval: NamedDependency[Retrieval],
    principal: NamedDependency[Principal],
    audit: NamedDependency[RequestAudit],
) -> dict[str, object]:
    from retrieval.parsers import FileTooLarge, IngestError

    audit.sources([name[:64]], [])
    await _writable(retrieval, principal, name)
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise BadRequest("send the document as multipart/form-data field 'file'", param="file")
    data = await upload.read()
    if len(data) > retrieval.tuning.max_upload_bytes:
        raise PayloadTooLarge(
            f"{upload.filename}: larger than {retrieval.tuning.max_upload_bytes} bytes",
            param="file",
        )
    try:
        done = await anyio.to_thread.run_sync(retrieval.ingest, name, upload.filename, data)
    except FileTooLarge as exc:
        raise PayloadTooLarge(str(exc), param="file", code=exc.code) from None
    except RedactionUnavailable as exc:
        raise NotReady(str(exc), code=exc.code) from None
    except IngestError as exc:
        raise IngestFailed(str(exc), param="file", code=exc.code) from None
    _note_ingest(audit, done)
    return done.as_dict()


def _note_ingest(audit: RequestAudit, done: Ingested) -> None:
    audit.sources([], [done.id])
    audit.entities(done.pii_redacted or {})
    audit.detail.update(status=done.status, pages=done.pages, chunks=done.chunks)


@get("/v1/collections/{name:str}/documents")
async def list_documents(
    name: FromPath[str],
    retrieval: NamedDependency[Retrieval],
    principal: NamedDependency[Principal],
) -> dict[str, object]:
    await _readable(retrieval, principal, name)
    docs = await anyio.to_thread.run_sync(retrieval.documents, name)
    return {
        "object": "list",
        "data": [
            {
                "id": d.id,
                "filename": d.filename,
                "title": d.title,
                "pages": d.pages,
                "chunks": d.chunks,
                "kind": d.kind,
                "size_bytes": d.size_bytes,
                "created_at": d.created_at.isoformat(),
            }
            for d in docs
        ],
    }


class DocumentNotFoundError(ApiError):
    status = 404
    default_code = "document_not_found"


@delete("/v1/collections/{name:str}/documents/{document_id:str}", status_code=200)
async def delete_document(
    name: FromPath[str],
    document_id: FromPath[str],
    retrieval: NamedDependency[Retrieval],
    principal: NamedDependency[Principal],
    audit: NamedDependency[RequestAudit],
) -> dict[str, object]:
    audit.sources([name[:64]], [document_id[:64]])
    await _writable(retrieval, principal, name)
    try:
        await anyio.to_thread.run_sync(retrieval.delete_document, name, document_id)
    except DocumentNotFound as exc:
        raise DocumentNotFoundError(str(exc), param="document_id") from None
    return {"id": document_id, "deleted": True}


class PassageNotFound(ApiError):
    status = 404
    default_code = "passage_not_found"


@get("/v1/collections/{name:str}/chunks/{chunk_id:str}")
async def get_passage(
    name: FromPath[str],
    chunk_id: FromPath[str],
    retrieval: NamedDependency[Retrieval],
    principal: NamedDependency[Principal],
    audit: NamedDependency[RequestAudit],
) -> dict[str, object]:
    """The text of a cited chunk, for a reader who may read its collection."""
    await _readable(retrieval, principal, name)
    found = await anyio.to_thread.run_sync(retrieval.passage, name, chunk_id)
    if found is None:
        raise PassageNotFound(f"no passage '{chunk_id[:80]}' in '{name}'", param="chunk_id")
    audit.sources([name], [str(found["document_id"])])
    return found


COLLECTION_ROUTES = [
    get_passage,
    create_collection,
    list_collections,
    delete_collection,
    upload_document,
    list_documents,
    delete_document,
]
