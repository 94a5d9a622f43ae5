import pytest
from litestar.exceptions import HTTPException, MethodNotAllowedException

from engine.errors import (
    ContextWindowExceeded,
    EngineBusy,
    EngineFailed,
    EngineNotReady,
    NoChatTemplate,
    UnsupportedMessage,
)
from gateway.errors import BadRequest, InvalidJSON, ModelNotFound, NotReady, describe


@pytest.mark.parametrize(
    ("exc", "status", "type_", "code"),
    [
        (BadRequest("x", param="messages"), 400, "invalid_request_error", None),
        (InvalidJSON("x"), 400, "invalid_request_error", "invalid_json"),
        (ModelNotFound("x"), 404, "invalid_request_error", "model_not_found"),
        (NotReady("x"), 503, "service_unavailable", "not_ready"),
        (ContextWindowExceeded(10, 5, 12), 400, "invalid_request_error", "context_length_exceeded"),
        (UnsupportedMessage("x"), 400, "invalid_request_error", "unsupported_message"),
        (EngineBusy("x"), 503, "service_unavailable", "engine_overloaded"),
        (EngineNotReady("x"), 503, "service_unavailable", "model_not_ready"),
        (NoChatTemplate("x"), 500, "server_error", "no_chat_template"),
        (EngineFailed("x"), 500, "server_error", "engine_failure"),
        (
            HTTPException(status_code=413, detail="big"),
            413,
            "invalid_request_error",
            "request_too_large",
        ),
        (MethodNotAllowedException(), 405, "invalid_request_error", "method_not_allowed"),
    ],
)
def test_describe_maps_each_error_type_to_openai_shape(exc, status, type_, code) -> None:
    got_status, body = describe(exc)
    assert got_status == status
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert (body["error"]["type"], body["error"]["code"]) == (type_, code)


def test_describe_keeps_param_of_bad_request() -> None:
    assert describe(BadRequest("x", param="messages[0].role"))[1]["error"]["param"] == (
        "messages[0].role"
    )


def test_describe_unexpected_error_hides_its_message() -> None:
    status, body = describe(KeyError("secret prompt text"))
    assert status == 500
    assert "secret" not in str(body)


def test_describe_engine_error_subclass_uses_parent_mapping() -> None:
    class SlowDown(EngineBusy):
        pass

    assert describe(SlowDown("x"))[0] == 503
