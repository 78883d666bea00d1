from unittest import mock

import anthropic
from anthropic.types import Completion

import summarizer


def test_summary_is_stripped():
    with mock.patch.object(summarizer.client.completions, "create") as create:
        create.return_value = mock.Mock(completion=" A summary. ", stop_reason="stop_sequence")
        assert summarizer.summarize("A long text.") == "A summary."
    create.assert_called_once()
    assert create.call_args.kwargs["max_tokens_to_sample"] == 300


def test_a_long_answer_is_cut_off():
    with mock.patch.object(summarizer.client.completions, "create") as create:
        create.return_value.completion = "Once upon"
        create.return_value.stop_reason = "max_tokens"
        assert summarizer.was_cut_off("Tell me a story.")


def test_a_short_answer_is_not():
    with mock.patch.object(summarizer.client.completions, "create") as create:
        create.return_value = mock.Mock(completion="Done.", stop_reason="stop_sequence")
        assert not summarizer.was_cut_off("Say done.")


def test_a_typed_answer():
    with mock.patch.object(summarizer.client.completions, "create") as create:
        create.return_value = Completion(
            id="compl_1",
            completion=" A typed summary. ",
            model="claude-2.1",
            stop_reason="stop_sequence",
            type="completion",
        )
        assert summarizer.summarize("A long text.") == "A typed summary."


def test_a_typed_answer_cut_off():
    cut = anthropic.types.Completion(
        id="compl_2", completion="Once", model="claude-2.1", stop_reason="max_tokens", type="completion"
    )
    with mock.patch.object(summarizer.client.completions, "create", return_value=cut):
        assert summarizer.was_cut_off("Tell me a story.")


def test_typed_answers_in_turn():
    create = mock.MagicMock(
        side_effect=[
            Completion(id="a", completion="Done.", model="claude-2.1", stop_reason="stop_sequence", type="completion"),
            Completion(id="b", completion="Once", model="claude-2.1", stop_reason="max_tokens", type="completion"),
        ]
    )
    with mock.patch.object(summarizer.client.completions, "create", create):
        assert not summarizer.was_cut_off("Say done.")
        assert summarizer.was_cut_off("Tell me a story.")


def test_the_whole_client_mocked():
    with mock.patch.object(summarizer, "client") as client:
        client.completions.create.return_value.completion = " A summary. "
        assert summarizer.summarize("A long text.") == "A summary."
        client.completions.create.assert_called_once()
        assert client.completions.create.call_args.kwargs["max_tokens_to_sample"] == 300


def test_the_whole_client_patched_by_path(mocker):
    client = mocker.patch("summarizer.client")
    client.completions.create.side_effect = [
        mock.Mock(completion="Done.", stop_reason="stop_sequence"),
        mock.Mock(completion="Once", stop_reason="max_tokens"),
    ]
    assert not summarizer.was_cut_off("Say done.")
    assert summarizer.was_cut_off("Tell me a story.")
    assert client.completions.create.call_count == 2


def test_the_whole_client_replaced(monkeypatch):
    fake = mock.MagicMock()
    fake.completions.create.return_value = mock.Mock(completion="Once", stop_reason="max_tokens")
    monkeypatch.setattr(summarizer, "client", fake)
    assert summarizer.was_cut_off("Tell me a story.")
    fake.completions.create.assert_called_once()
