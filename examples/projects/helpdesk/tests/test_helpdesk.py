"""The SDK itself runs, against a transport that answers like the API."""

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
