"""The OpenAPI schema Litestar generates, served at /schema/openapi.json.

Litestar describes paths, path and query parameters and responses from the
handlers' signatures. Handlers that decode their own bodies (to answer with
OpenAI-shaped 400s naming the `param`, and to apply the JSON body cap) have
no `data` parameter, so their bodies are described here, from the same
msgspec structs they decode with: the schema cannot drift from what is
accepted. The schema itself is public, like /healthz: it is the API contract
the README documents and carries no data. Only JSON is served (no docs site
whose scripts would come from a CDN).
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
from collections.abc import Iterable
from typing import Any, cast

import msgspec
from litestar import Router
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    Parameter,
    RequestBody,
    Schema,
)

from gateway.access import OPT_KEY, PUBLIC
from gateway.admin_routes import NewKey
from gateway.collections_routes import NewCollection
from gateway.safety_routes import CheckRequest
from gateway.schemas import ChatCompletionRequest

MULTIPART_FILE: dict[str, Any] = {
    "type": "object",
    "properties": {"file": {"type": "string", "format": "binary"}},
    "required": ["file"],
}
# Read from the query string by gateway.audit_routes.filter_from.
AUDIT_QUERY = (
    "since",
    "until",
    "actor",
    "action",
    "decision",
    "outcome",
    "rule",
    "collection",
    "q",
)


def json_schema(struct: type) -> dict[str, Any]:
    """msgspec's schema of `struct`, with its `$defs` inlined (the OpenAPI document has
    its own components, which Litestar fills; these structs are not recursive)."""
    schema = msgspec.json.schema(struct)
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return cast(dict[str, Any], inline(schema))


def _operation_class(
    media_type: str, body: dict[str, Any] | None, query: tuple[str, ...]
) -> type[Operation]:
    """An Operation that adds the body (and query parameters) Litestar cannot see."""

    @dataclasses.dataclass
    class Described(Operation):
        def __post_init__(self) -> None:
            if body is not None:
                schema = cast(Schema, body)  # plain JSON Schema: OpenAPI 3.1 takes it as is
                content = {media_type: OpenAPIMediaType(schema=schema)}
                self.request_body = RequestBody(content=content, required=True)
            extra = [
                Parameter(
                    name=n, param_in="query", schema=Schema(type=OpenAPIType.STRING, max_length=200)
                )
                for n in query
            ]
            if extra:
                self.parameters = [*(self.parameters or []), *extra]

    return Described


# handler name -> (media type, JSON schema of the body or None, extra query parameters)
BODIES: dict[str, tuple[str, dict[str, Any] | None, tuple[str, ...]]] = {
    "chat_completions": ("application/json", json_schema(ChatCompletionRequest), ()),
    "create_key": ("application/json", json_schema(NewKey), ()),
    "create_collection": ("application/json", json_schema(NewCollection), ()),
    "safety_check": ("application/json", json_schema(CheckRequest), ()),
    "upload_document": ("multipart/form-data", MULTIPART_FILE, ()),
    "audit_events": ("application/json", None, AUDIT_QUERY),
    "audit_export": ("application/json", None, AUDIT_QUERY),
}


def describe_bodies(handlers: Iterable[Any]) -> None:
    """Give handlers that read their own body an operation describing it."""
    for handler in handlers:
        if (found := BODIES.get(handler.handler_name)) is not None:
            handler.operation_class = _operation_class(*found)


def openapi_config() -> OpenAPIConfig:
    """JSON only, at /schema and /schema/openapi.json, without a key."""
    router = Router("/schema", route_handlers=[], include_in_schema=False, opt={OPT_KEY: PUBLIC})
    return OpenAPIConfig(
        title="Enclave",
        version=importlib.metadata.version("enclave"),
        render_plugins=[JsonRenderPlugin()],
        openapi_router=router,
    )
