"""The assistant's call, with the SDK's `create` replaced: the model is the settings' own."""

import settings
from assistant import answer, client


def test_the_answer_and_the_model(mocker):
    create = mocker.patch.object(client.completions, "create")
    create.return_value.completion = " Paris"
    assert answer("Capital of France?") == "Paris"
    assert create.call_args.kwargs["model"] == settings.MODEL
