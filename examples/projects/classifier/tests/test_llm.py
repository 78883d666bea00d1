from unittest import mock

from app import llm


def test_a_known_label():
    with mock.patch.object(llm.client.completions, "create") as create:
        create.return_value.completion = " Billing"
        assert llm.classify("I was charged twice.") == "billing"


def test_an_unknown_label_is_other():
    with mock.patch.object(llm.client.completions, "create") as create:
        create.return_value = mock.Mock(completion=" weather")
        assert llm.classify("Is it raining?") == "other"
