import anyio
import pytest

from engine.errors import EngineNotReady
from gateway.disconnect import ClientDisconnected, until_disconnected
from gateway.errors import describe

pytestmark = pytest.mark.anyio


async def never_disconnects() -> dict:
    await anyio.sleep(10)
    return {"type": "http.disconnect"}


async def disconnects() -> dict:
    return {"type": "http.disconnect"}


async def test_until_disconnected_returns_the_work_result() -> None:
    async def work() -> int:
        return 42

    assert await until_disconnected(never_disconnects, work()) == 42


async def test_until_disconnected_passes_the_typed_error_through_not_a_group() -> None:
    async def work() -> int:
        raise EngineNotReady("shutting down")

    with pytest.raises(EngineNotReady):
        await until_disconnected(never_disconnects, work())


async def test_until_disconnected_client_gone_is_quiet_499() -> None:
    async def work() -> int:
        await anyio.sleep(10)
        return 1

    with pytest.raises(ClientDisconnected) as info:
        await until_disconnected(disconnects, work())
    assert describe(info.value)[0] == 499
