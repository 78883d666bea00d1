from unittest import mock

from app import summaries, titles


def test_a_summary():
    with mock.patch.object(summaries.client.completions, "create") as create:
        create.return_value = mock.Mock(completion=" Charged twice. ")
        assert summaries.summarize("I was charged twice for one order.") == "Charged twice."
    create.assert_called_once()


def test_a_title():
    with mock.patch.object(titles.client.completions, "create") as create:
        create.return_value.completion = " double charge"
        assert titles.title("I was charged twice for one order.") == "Double Charge"
