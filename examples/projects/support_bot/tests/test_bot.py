from unittest import mock

import bot


def test_the_answer_is_parsed():
    with mock.patch("anthropic.resources.Completions.create") as create:
        create.return_value = mock.Mock(completion='"status": "shipped"}')
        assert bot.answer("Where is my order?") == {"status": "shipped"}


def test_each_question_is_one_request():
    with mock.patch("anthropic.resources.Completions.create") as create:
        create.side_effect = [mock.Mock(completion='"a": 1}'), mock.Mock(completion='"b": 2}')]
        assert bot.answer("one") == {"a": 1}
        assert bot.answer("two") == {"b": 2}
    assert create.call_count == 2
