"""The glossary's raw posts, served by `respx` routes as the API answered them."""

import json

import httpx
import pytest
import respx

from glossary import define, was_cut_off

COMPLETE = "https://api.anthropic.com/v1/complete"


@respx.mock
def test_a_definition():
    route = respx.post(COMPLETE).mock(
        return_value=httpx.Response(
            200,
            json={
                "completion": " A word's meaning.",
                "stop_reason": "stop_sequence",
                "stop": "\n\nHuman:",
                "model": "claude-2.1",
            },
        )
    )
    assert define("definition") == "A word's meaning."
    assert route.calls.last.request.headers["anthropic-version"] == "2023-06-01"


def test_a_cut_off_answer(respx_mock):
    respx_mock.post(COMPLETE).respond(json={"completion": " Every", "stop_reason": "max_tokens"})
    assert was_cut_off("everything")


def test_an_overloaded_api():
    with respx.mock:
        respx.post(COMPLETE).respond(
            529,
            json={"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
        )
        with pytest.raises(httpx.HTTPStatusError):
            define("patience")


@respx.mock
def test_a_route_set_later():
    route = respx.post(COMPLETE)
    route.return_value = httpx.Response(
        200, content=json.dumps({"completion": " A set of terms.", "stop_reason": "stop_sequence"})
    )
    assert define("glossary") == "A set of terms."
    assert route.called
