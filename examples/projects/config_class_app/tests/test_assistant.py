"""The assistant's calls, with the SDK's `create` replaced: each sends the model its
configuration names."""

from assistant import answer, client, summarise
from config import Config, settings


def test_the_answer_is_asked_of_the_configured_model(mocker):
    create = mocker.patch.object(client.completions, "create")
    create.return_value.completion = " Paris"
    assert answer("Capital of France?") == "Paris"
    assert create.call_args.kwargs["model"] == Config.MODEL


def test_the_summary_is_asked_of_the_summary_model(mocker):
    create = mocker.patch.object(client.completions, "create")
    create.return_value.completion = " Short."
    assert summarise("A long text.") == "Short."
    assert create.call_args.kwargs["model"] == settings.summary_model
