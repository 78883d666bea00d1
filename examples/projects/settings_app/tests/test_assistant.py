"""The assistant's call, with the SDK's `create` replaced (on the client, and by its dotted
path): the model is the settings' own."""

from unittest import mock

import settings
from assistant import answer, client


def test_the_answer_and_the_model(mocker):
    create = mocker.patch.object(client.completions, "create")
    create.return_value.completion = " Paris"
    assert answer("Capital of France?") == "Paris"
    assert create.call_args.kwargs["model"] == settings.MODEL


@mock.patch("assistant.client.completions.create")
def test_one_request_a_question(create):
    answer("Capital of Spain?")
    assert create.call_count == 1
