from types import SimpleNamespace
from unittest import mock

import anthropic

import translator


def test_a_fake_set_with_monkeypatch(monkeypatch):
    monkeypatch.setattr(
        translator.client.completions,
        "create",
        lambda **kw: SimpleNamespace(completion=" Bonjour."),
    )
    assert translator.translate("Hello.", "French") == "Bonjour."


def test_a_mock_set_with_monkeypatch(monkeypatch):
    create = mock.Mock()
    create.return_value.completion = " Hallo."
    monkeypatch.setattr(translator.client.completions, "create", create)
    assert translator.translate("Hello.", "German") == "Hallo."
    create.assert_called_once()


def test_pytest_mock(mocker):
    create = mocker.patch.object(translator.client.completions, "create")
    create.return_value = mocker.Mock(completion=" Hola.", stop_reason="stop_sequence")
    assert translator.translate("Hello.", "Spanish") == "Hola."
    assert create.call_args.kwargs["max_tokens_to_sample"] == 200


def fake_create(*, model, prompt, max_tokens_to_sample, **kwargs):
    """Answers like the API would, from what it is asked."""
    assert max_tokens_to_sample == 200
    if "into French" in prompt:
        return SimpleNamespace(completion=" Merci.", stop_reason="stop_sequence")
    return SimpleNamespace(completion=" Thanks.", stop_reason="stop_sequence")


def test_a_fake_function(monkeypatch):
    monkeypatch.setattr(translator.client.completions, "create", fake_create)
    assert translator.translate("Thank you.", "French") == "Merci."
    assert translator.translate("Thank you.", "English") == "Thanks."


def test_a_fake_as_side_effect():
    with mock.patch.object(
        translator.client.completions, "create", side_effect=fake_create
    ) as create:
        assert translator.translate("Thank you.", "French") == "Merci."
    assert create.call_count == 1


def test_the_request_sent():
    with mock.patch.object(translator.client.completions, "create") as create:
        create.return_value = mock.Mock(completion=" Bonjour.")
        translator.translate("Hello.", "French")
    create.assert_called_once_with(
        model="claude-2.1",
        max_tokens_to_sample=200,
        temperature=0,
        prompt=f"{anthropic.HUMAN_PROMPT} Translate into French:\nHello.{anthropic.AI_PROMPT}",
    )
    assert "into French" in create.call_args.kwargs["prompt"]


def test_the_requests_sent_in_turn():
    with mock.patch.object(translator.client.completions, "create") as create:
        create.return_value = mock.Mock(completion=" Hallo.")
        translator.translate("Hello.", "German")
        translator.translate("Thanks.", "German")
    create.assert_has_calls(
        [
            mock.call(
                model=mock.ANY,
                max_tokens_to_sample=200,
                temperature=0,
                prompt=f"{anthropic.HUMAN_PROMPT} Translate into German:\nHello.{anthropic.AI_PROMPT}",
            ),
            mock.call(
                model=mock.ANY,
                max_tokens_to_sample=mock.ANY,
                temperature=0,
                prompt=f"{anthropic.HUMAN_PROMPT} Translate into German:\nThanks.{anthropic.AI_PROMPT}",
            ),
        ]
    )
    assert create.call_args == mock.call(
        model="claude-2.1",
        max_tokens_to_sample=200,
        temperature=0,
        prompt=f"{anthropic.HUMAN_PROMPT} Translate into German:\nThanks.{anthropic.AI_PROMPT}",
    )
    assert len(create.call_args_list) == 2
