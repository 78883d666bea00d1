"""TCM022: LangChain's Bedrock LLM moves to ChatBedrock only when every use is a chat model's."""

from __future__ import annotations

import json

from fixtures_support import notebook

from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine import registry
from migrator.engine.migrate import migrate_source
from migrator.files.notebook import migrate_notebook

RULES = list(registry.all_rules())

SETUP = """\
from langchain.llms.bedrock import Bedrock

llm = Bedrock(model_id="anthropic.claude-v2", model_kwargs={"max_tokens_to_sample": 300})
"""


def migrate(source: str, **config: object):
    return migrate_source(source, "app.py", Config(**config), RULES)


def manual(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in result.findings if f.fix is Safety.MANUAL]


def test_every_use_a_chat_model_serves_is_migrated_with_the_dependency_named() -> None:
    result = migrate(SETUP + "print(llm('Hi'))\n")
    assert "from langchain_aws import ChatBedrock" in result.new_source
    assert "print(llm.invoke('Hi').content)" in result.new_source
    assert '"max_tokens": 300' in result.new_source
    assert manual(result) == []
    assert any("add `langchain-aws`" in f.message for f in result.findings)


def test_one_use_the_tool_cannot_follow_keeps_the_whole_model() -> None:
    result = migrate(SETUP + "print(llm('Hi'))\nprint(llm.generate(['Hi']))\n")
    assert "from langchain.llms.bedrock import Bedrock" in result.new_source
    assert "llm('Hi')" in result.new_source
    assert manual(result) == [
        "LangChain's Bedrock model stays: the model's `.generate` is used, which the tool does "
        "not follow"
    ]
    # Reported once, by this rule: the generic TCM020 finding does not repeat it.
    assert [f.rule for f in result.findings if f.fix is Safety.MANUAL] == ["TCM022"]


def test_a_name_rebound_to_another_model_keeps_each_binding_apart() -> None:
    # The workshop notebooks: `llm` is a Titan model in one cell, Claude in the next.
    titan = 'llm = Bedrock(model_id="amazon.titan-tg1-large")\nprint(llm("Hi"))\n'
    header, claude = SETUP.split("\n\n")
    result = migrate(f"{header}\n\n{titan}{claude}print(llm('Hi'))\n")
    assert 'llm = Bedrock(model_id="amazon.titan-tg1-large")\nprint(llm("Hi"))' in result.new_source
    assert "print(llm.invoke('Hi').content)" in result.new_source
    assert manual(result) == []


def test_a_name_that_may_hold_either_model_stays() -> None:
    source = SETUP.replace("llm = Bedrock", "if FAST:\n    llm = Bedrock") + (
        'else:\n    llm = Bedrock(model_id="amazon.titan-tg1-large")\nprint(llm("Hi"))\n'
    )
    result = migrate("FAST = True\n" + source)
    assert "ChatBedrock" not in result.new_source
    assert manual(result) and "not a Claude model" in manual(result)[0]


def test_the_bedrock_model_table_is_honoured() -> None:
    table = {"anthropic.claude-v2": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"}
    result = migrate(SETUP + "print(llm.predict('Hi'))\n", bedrock_models=table)
    assert 'model_id="eu.anthropic.claude-sonnet-4-5-20250929-v1:0"' in result.new_source
    assert "llm.invoke('Hi').content" in result.new_source


def test_a_markers_template_is_a_review_finding() -> None:
    source = SETUP + 'TEMPLATE = "\\n\\nHuman: {q}\\n\\nAssistant:"\nprint(llm.predict(TEMPLATE))\n'
    result = migrate(source)
    assert any(
        "Human:` / `Assistant:` markers" in f.message and f.fix is Safety.REVIEW
        for f in result.findings
    )


def test_other_imported_names_stay_beside_the_new_import() -> None:
    source = SETUP.replace("import Bedrock", "import Bedrock, BedrockBase") + "print(llm('Hi'))\n"
    result = migrate(source)
    assert (
        "from langchain.llms.bedrock import BedrockBase\nfrom langchain_aws import ChatBedrock\n"
        in (result.new_source)
    )


def test_a_notebook_migrates_across_cells() -> None:
    cells = [SETUP, "answer = llm.predict('Hi')\nprint(answer)\n"]
    text = notebook(*(("code", source) for source in cells))
    result = migrate_notebook(text, "nb.ipynb", Config(), RULES)
    written = json.loads(result.new_source)
    assert (
        "".join(written["cells"][1]["source"])
        == "answer = llm.invoke('Hi').content\nprint(answer)\n"
    )
    assert "ChatBedrock" in "".join(written["cells"][0]["source"])
    assert manual(result) == []


def test_a_chain_given_the_model_is_named_in_a_review_finding() -> None:
    source = (
        "from langchain.chains import ConversationChain\n"
        + SETUP
        + "c = ConversationChain(llm=llm)\n"
    )
    result = migrate(source)
    assert manual(result) == []
    assert any(
        "given to `ConversationChain`" in f.message and f.fix is Safety.REVIEW
        for f in result.findings
    )


def test_the_model_given_to_a_function_of_the_project_stays() -> None:
    source = SETUP + "def ask(model):\n    return model('Hi')\n\n\nask(llm)\n"
    result = migrate(source)
    assert result.new_source.count("Bedrock(") == 1 and "ChatBedrock" not in result.new_source
    assert manual(result) == [
        "LangChain's Bedrock model stays: the model is passed to `ask`, which the tool does not "
        "follow"
    ]


def test_a_retired_id_held_in_a_name_read_elsewhere_stays() -> None:
    source = SETUP.replace('model_id="anthropic.claude-v2"', "model_id=MODEL") + (
        "print(llm('Hi'), MODEL)\n"
    )
    result = migrate('MODEL = "anthropic.claude-v2"\n' + source)
    assert "ChatBedrock" not in result.new_source
    assert "held in `MODEL`, which is also read elsewhere" in manual(result)[0]


def test_a_current_id_held_in_a_name_read_elsewhere_needs_no_mapping() -> None:
    source = SETUP.replace('model_id="anthropic.claude-v2"', "model_id=MODEL") + (
        "print(llm('Hi'), MODEL)\n"
    )
    result = migrate('MODEL = "anthropic.claude-3-haiku-20240307-v1:0"\n' + source)
    assert "llm = ChatBedrock(model_id=MODEL" in result.new_source
    assert manual(result) == []


def test_a_notebook_importing_the_class_in_two_cells_keeps_its_cells() -> None:
    cells = [
        "from langchain.llms.bedrock import Bedrock\n",
        SETUP + "print(llm('Hi'))\n",
    ]
    text = notebook(*(("code", source) for source in cells))
    result = migrate_notebook(text, "nb.ipynb", Config(), RULES)
    assert result.error is None
    written = [("".join(c["source"])) for c in json.loads(result.new_source)["cells"]]
    assert written[0] == "from langchain_aws import ChatBedrock\n"
    assert written[1].startswith("from langchain_aws import ChatBedrock\n")


def test_another_vendors_model_with_its_own_keys_is_not_reported() -> None:
    titan = 'other = Bedrock(model_id=pick("titan"), model_kwargs={"maxTokenCount": 512})\n'
    result = migrate(SETUP + titan + "print(llm('Hi'))\nllm\n")
    assert "other = Bedrock(" in result.new_source
    assert "print(llm.invoke('Hi').content)\nllm\n" in result.new_source
    assert manual(result) == []


def test_a_function_that_may_return_something_else_keeps_the_model() -> None:
    source = (
        "from langchain.llms.bedrock import Bedrock\n\n\n"
        "def get_llm(fast):\n"
        "    other = make_other()\n"
        "    if fast:\n"
        "        return other\n"
        '    llm = Bedrock(model_id="anthropic.claude-v2", '
        'model_kwargs={"max_tokens_to_sample": 300})\n'
        "    return llm\n\n\n"
        "print(get_llm(True).predict('Hi'))\n"
    )
    result = migrate(source)
    assert "ChatBedrock" not in result.new_source
    assert manual(result) == [
        "LangChain's Bedrock model stays: `get_llm` returns something else as well"
    ]


LLAMA_CHAT = """\
from langchain_aws.chat_models.bedrock import ChatBedrock

model_parameter = {"temperature": 0.0, "max_tokens_to_sample": 2000}
model_id = MODEL
bedrock_llm = ChatBedrock(model_id=model_id, model_kwargs=model_parameter, beta_use_converse_api=True)
bedrock_llm.invoke("Hi")
"""


def test_a_llama_model_given_the_legacy_key_is_left_as_written_and_named() -> None:
    # aws-samples' medibot notebooks: another vendor's request, left as written; the key is
    # still Text Completions', so it is named (never a silent miss), not rewritten.
    source = LLAMA_CHAT.replace("MODEL", '"meta.llama3-8b-instruct-v1:0"')
    result = migrate(source)
    kept = [line for line in result.new_source.splitlines() if not line.lstrip().startswith("#")]
    assert kept == source.splitlines()
    assert [(f.rule, f.message.split(":")[0]) for f in result.findings] == [
        ("TCM020", "`max_tokens_to_sample` is given to a model that is not Claude")
    ]


def test_the_same_shape_with_a_claude_model_is_still_reported() -> None:
    for model in ('"anthropic.claude-v2"', '"claude-2.1"', "pick()"):
        result = migrate(LLAMA_CHAT.replace("MODEL", model))
        assert '"max_tokens": 2000' in result.new_source or manual(result), model


def test_a_name_that_may_also_hold_a_claude_model_is_claude_code() -> None:
    source = LLAMA_CHAT.replace("MODEL", '"meta.llama3-8b-instruct-v1:0"').replace(
        "bedrock_llm =", 'if CLAUDE:\n    model_id = "anthropic.claude-v2"\nbedrock_llm ='
    )
    assert "if CLAUDE" in source
    result = migrate(source)
    assert '"max_tokens": 2000' in result.new_source or manual(result)


def leftovers(source: str) -> list[str]:
    return [f.message for f in migrate(source).findings if f.rule == "TCM020"]


def test_a_dict_named_model_kwargs_splatted_into_the_projects_function_is_not_langchains() -> None:
    # MLAgentBench: the name is the only thing LangChain-like about it.
    source = (
        "def ask(prompt):\n"
        '    model_kwargs = {"max_tokens_to_sample": 100, "temperature": 0}\n'
        "    return complete_text(prompt, **model_kwargs)\n"
    )
    found = leftovers(source)
    assert len(found) == 1 and "given as keywords to `complete_text`" in found[0]
    assert "LangChain" not in found[0]


def test_a_dict_named_model_kwargs_splatted_into_langchain_classes_names_them() -> None:
    # mindsdb: the kwargs of ChatAnthropic, which langchain_community sends as Text Completions.
    source = (
        "from langchain_community.chat_models import ChatAnthropic, ChatOpenAI\n\n"
        "def build(provider, limit):\n"
        "    model_kwargs = {}\n"
        "    model_kwargs['max_tokens_to_sample'] = limit\n"
        "    if provider == 'anthropic':\n"
        "        return ChatAnthropic(**model_kwargs)\n"
        "    return ChatOpenAI(**model_kwargs)\n"
    )
    found = leftovers(source)
    assert len(found) == 1
    assert "given as keywords to `ChatAnthropic`, `ChatOpenAI`" in found[0]
    assert "sends Claude Text Completions itself" in found[0]
    assert "`Bedrock` LLM" not in found[0]


def test_notebook_cells_rebinding_the_model_id_are_judged_cell_by_cell() -> None:
    # The medibot notebooks: Llama cells, then a Claude cell, under the same two names.
    llama = LLAMA_CHAT.replace("MODEL", '"meta.llama3-8b-instruct-v1:0"').split("\n", 2)[2]
    claude = llama.replace(
        "meta.llama3-8b-instruct-v1:0", "anthropic.claude-3-sonnet-20240229-v1:0"
    )
    header = "from langchain_aws.chat_models.bedrock import ChatBedrock\n\n"
    result = migrate(header + llama + claude)
    assert [message.split(":")[0] for message in manual(result)] == [
        "`max_tokens_to_sample` is given to a model that is not Claude"  # Llama's, named
    ]
    assert result.new_source.count('"max_tokens_to_sample": 2000') == 1  # Llama's, as written
    assert result.new_source.count('"max_tokens": 2000') == 1  # Claude's, migrated


def test_a_class_imported_from_two_of_its_modules_is_still_known() -> None:
    # 02_medibot_V3_agents: `ChatBedrock` imported from langchain_aws, then from its submodule.
    claude = LLAMA_CHAT.replace("MODEL", '"anthropic.claude-3-sonnet-20240229-v1:0"')
    result = migrate("from langchain_aws import ChatBedrock\n" + claude)
    assert '"max_tokens": 2000' in result.new_source
    assert manual(result) == []
