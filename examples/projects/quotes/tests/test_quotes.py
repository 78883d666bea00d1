"""The quote service's raw posts, served by `responses` as the API answered them."""

import json

import pytest
import requests
import responses

from quotes import quote, was_cut_off

COMPLETE = "https://api.anthropic.com/v1/complete"


@responses.activate
def test_a_quote():
    responses.add(
        responses.POST,
        COMPLETE,
        json={
            "completion": " Simplicity is the soul of efficiency.",
            "stop_reason": "stop_sequence",
            "stop": "</quote>",
            "model": "claude-2.1",
        },
    )
    assert quote("code") == "Simplicity is the soul of efficiency."
    assert responses.calls[0].request.headers["anthropic-version"] == "2023-06-01"


def test_a_cut_off_answer():
    with responses.RequestsMock() as rsps:
        rsps.post(COMPLETE, json={"completion": " To be", "stop_reason": "max_tokens"})
        assert was_cut_off("life")


def test_an_overloaded_api():
    with responses.RequestsMock() as rsps:
        rsps.add(
            responses.POST,
            COMPLETE,
            status=529,
            json={"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
        )
        with pytest.raises(requests.HTTPError):
            quote("patience")


def answer(request):
    return 200, {}, json.dumps({"completion": " Less is more.", "stop_reason": "stop_sequence"})


@responses.activate
def test_a_quote_from_a_callback():
    responses.add_callback(
        responses.POST, COMPLETE, callback=answer, content_type="application/json"
    )
    assert quote("design") == "Less is more."


def by_topic(request):
    asked = json.loads(request.body)
    if "about code" in asked["prompt"] and asked["max_tokens_to_sample"] == 200:
        return 200, {}, json.dumps({"completion": " Code is poetry.", "stop_reason": "stop_sequence"})
    return 200, {}, json.dumps({"completion": " Be kind.", "stop_reason": "stop_sequence"})


@responses.activate
def test_a_quote_chosen_from_the_request():
    responses.add_callback(
        responses.POST, COMPLETE, callback=by_topic, content_type="application/json"
    )
    assert quote("code") == "Code is poetry."
    assert quote("life") == "Be kind."
