"""Run a coroutine until it finishes or the HTTP client goes away.

Litestar's streaming response already cancels on disconnect; a plain
(non-streamed) response does not, so without this a client that gives up on
a long completion would keep the engine busy for nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import anyio
from litestar.types import Receive

from gateway.errors import ApiError

T = TypeVar("T")


class ClientDisconnected(ApiError):
    """The client closed the connection before the answer was ready (nobody sees the reply)."""

    status = 499  # nginx's "client closed request"; not logged as a server error
    default_code = "client_disconnected"


async def until_disconnected(receive: Receive, work: Awaitable[T]) -> T:
    result: list[T] = []

    async def run() -> None:
        result.append(await work)
        tg.cancel_scope.cancel()

    async def watch() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
        tg.cancel_scope.cancel()

    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(run)
            tg.start_soon(watch)
    except BaseExceptionGroup as group:  # anyio wraps the task's error: hand back the error
        if len(group.exceptions) == 1:
            raise group.exceptions[0] from None
        raise
    if not result:
        raise ClientDisconnected("the client went away before the answer was ready")
    return result[0]
