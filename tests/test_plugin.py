"""The pytest plugin ``migrator.testing.plugin``: a user's own tests get ``fake_anthropic``.

The test files below are a user's: they import nothing from migrator, and the
fixture reaches them through the ``pytest11`` entry point of the installed
package, in a pytest run of their own.
"""

from __future__ import annotations

pytest_plugins = ["pytester"]

USER_TESTS = """
import json
import os
import urllib.error
import urllib.request

import pytest

SEEN = {}
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(base_url, path, body):
    request = urllib.request.Request(
        base_url + path,
        data=json.dumps(body).encode(),
        headers={
            "content-type": "application/json",
            "anthropic-version": "2023-06-01",
            "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        },
    )
    with OPENER.open(request, timeout=10) as answer:
        return json.load(answer)


def test_a_scripted_reply_and_the_request_it_got(fake_anthropic):
    SEEN["url"] = fake_anthropic.base_url
    assert os.environ["ANTHROPIC_BASE_URL"] == fake_anthropic.base_url
    fake_anthropic.reply("Bonjour.", stop_reason="max_tokens")
    body = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 5,
        "messages": [{"role": "user", "content": "Say hello in French."}],
    }
    answer = post(fake_anthropic.base_url, "/v1/messages", body)
    assert answer["content"] == [{"type": "text", "text": "Bonjour."}]
    assert answer["stop_reason"] == "max_tokens"
    (seen,) = fake_anthropic.requests
    assert seen["path"] == "/v1/messages" and seen["body"] == body
    assert seen["headers"]["anthropic-version"] == "2023-06-01"


def test_replies_are_deterministic_without_a_script(fake_anthropic):
    body = {"model": "claude-haiku-4-5", "max_tokens": 50,
            "messages": [{"role": "user", "content": "Hi"}]}
    first = post(fake_anthropic.base_url, "/v1/messages", body)
    second = post(fake_anthropic.base_url, "/v1/messages", body)
    assert first["content"] == second["content"] and first["stop_reason"] == "end_turn"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"model": "claude-2", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}, 404),
        ({"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": "x"}]}, 400),
        ({"model": "claude-sonnet-4-6", "max_tokens": 5,
          "messages": [{"role": "assistant", "content": "x"}]}, 400),
        ({"model": "claude-sonnet-4-6", "max_tokens": 5, "messages": [
            {"role": "user", "content": "x"}, {"role": "assistant", "content": "{ "}]}, 400),
    ],
    ids=["retired model", "no max_tokens", "assistant first", "prefill with trailing space"],
)
def test_what_the_real_api_refuses(fake_anthropic, body, status):
    with pytest.raises(urllib.error.HTTPError) as refused:
        post(fake_anthropic.base_url, "/v1/messages", body)
    assert refused.value.code == status
    error = json.load(refused.value)
    assert error["type"] == "error" and error["error"]["type"] in (
        "invalid_request_error", "not_found_error")


def test_tokens_are_counted(fake_anthropic):
    body = {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "one two"}]}
    counted = post(fake_anthropic.base_url, "/v1/messages/count_tokens", body)
    assert isinstance(counted["input_tokens"], int) and counted["input_tokens"] > 0


def test_the_environment_is_restored_after():
    assert os.environ.get("ANTHROPIC_BASE_URL") != SEEN["url"]
"""


def test_a_users_test_file_gets_the_fixture_from_the_installed_plugin(pytester):
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=8)


def test_the_plugin_is_registered_under_the_pytest11_entry_point():
    from importlib.metadata import entry_points

    (plugin,) = [point for point in entry_points(group="pytest11") if point.name == "migrator"]
    assert plugin.value == "migrator.testing.plugin"
    assert hasattr(plugin.load(), "fake_anthropic")
