from unittest import mock

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
