"""The SDK itself runs, against a transport that answers like the API."""

import json

import anthropic
import httpx

from helpdesk import build_prompt, parse


def answer(request):
    return httpx.Response(
        200,
        json={
            "id": "compl_1",
            "type": "completion",
            "completion": " Your refund is on its way",
            "stop_reason": "stop_sequence",
            "model": "claude-2.1",
        },
    )


def test_an_answer_through_the_sdk():
    client = anthropic.Anthropic(
        api_key="test", http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    response = client.completions.create(
        model="claude-2.1", max_tokens_to_sample=100, prompt=build_prompt("Where is my refund?")
    )
    assert parse(response.completion) == "Your refund is on its way."
    assert response.stop_reason == "stop_sequence"


def by_topic(request):
    """Answers from what the customer asks, as a help desk's canned replies would."""
    asked = json.loads(request.content)
    assert asked["max_tokens_to_sample"] == 100
    if "refund" in asked["prompt"]:
        completion = " Your refund is on its way"
    else:
        completion = " Someone will get back to you"
    return httpx.Response(
        200,
        json={"completion": completion, "stop_reason": "stop_sequence", "model": "claude-2.1"},
    )


def test_an_answer_chosen_from_the_request():
    client = anthropic.Anthropic(
        api_key="test", http_client=httpx.Client(transport=httpx.MockTransport(by_topic))
    )
    for question, expected in [
        ("Where is my refund?", "Your refund is on its way."),
        ("Can I change my address?", "Someone will get back to you."),
    ]:
        response = client.completions.create(
            model="claude-2.1", max_tokens_to_sample=100, prompt=build_prompt(question)
        )
        assert parse(response.completion) == expected
