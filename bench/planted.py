"""The legacy files the benchmark plants into the corpus, and what must be found in them.

Each planted file is one site of one surface. ``found`` means at least one finding
of the expected rule in that file (any rule, for a surface whose rule has not
landed yet). Every finding outside the planted legacy files is a false positive:
the trap files (OpenAI's own ``completions.create``, a Bedrock body for another
vendor) are planted to make sure of it, besides the third-party code itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# Surfaces the tool claims today. A planted site of a surface listed here must be
# found, or the benchmark fails; the others are reported found/missed only. Flip a
# surface to True when its rule lands, and the count check becomes strict for it.
SUPPORTED = {
    "sdk": True,  # client.completions.create (SDK 0.3+), TCM001
    "raw_http": True,  # requests.post(".../v1/complete"), TCM015
    "pre03_sdk": True,  # anthropic.Client(key).completion(...), TCM017
    "bedrock_boto3": True,  # boto3 bedrock-runtime invoke_model, text-completion body, TCM016
    "notebook": True,  # .ipynb code cells, the SDK rules
}


@dataclass(frozen=True)
class Plant:
    path: str  # relative to the corpus root
    surface: str  # a key of SUPPORTED, or "trap" for a file that must yield nothing
    rule: str | None  # the rule that finds it; None: any rule (surface not supported yet)
    text: str


_SDK_SYNC = '''\
"""Summaries of flat pages, written when the completions API was current."""

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()


def summarize(page_text):
    response = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=300,
        prompt=f"{HUMAN_PROMPT} Summarize this page in one sentence:\\n{page_text}{AI_PROMPT}",
    )
    return response.completion.strip()
'''

_SDK_ASYNC = '''\
"""Explain a symbolic expression in words."""

from anthropic import AsyncAnthropic

client = AsyncAnthropic()


async def explain(expression):
    completion = await client.completions.create(
        model="claude-instant-1.2",
        max_tokens_to_sample=200,
        prompt="\\n\\nHuman: Explain " + str(expression) + " in plain words.\\n\\nAssistant:",
    )
    return completion.completion
'''

_RAW_HTTP = '''\
"""Describe a data frame's columns through the HTTP API directly."""

import os

import requests

URL = "https://api.anthropic.com/v1/complete"


def describe(columns):
    body = {
        "model": "claude-2",
        "prompt": "\\n\\nHuman: Describe these columns: " + ", ".join(columns) + "\\n\\nAssistant:",
        "max_tokens_to_sample": 256,
    }
    headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    response = requests.post(URL, json=body, headers=headers, timeout=60)
    return response.json()["completion"]
'''

_PRE03 = '''\
"""An Ansible lookup that asks Claude, written against the pre-0.3 SDK."""

import os

import anthropic


def run(terms):
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    response = client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {terms[0]}{anthropic.AI_PROMPT}",
        stop_sequences=[anthropic.HUMAN_PROMPT],
        model="claude-v1",
        max_tokens_to_sample=100,
    )
    return [response["completion"]]
'''

_BEDROCK = '''\
"""Call Claude on Amazon Bedrock with the text-completion body."""

import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


def ask(question):
    body = json.dumps(
        {
            "prompt": "\\n\\nHuman: " + question + "\\n\\nAssistant:",
            "max_tokens_to_sample": 300,
        }
    )
    response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2")
    return json.loads(response["body"].read())["completion"]
'''

# Passes the prefilter (it names anthropic), so the analysis itself must leave it alone.
_OPENAI_TRAP = '''\
"""Compare providers: this one is OpenAI's legacy completions, not anthropic's."""

from openai import OpenAI

client = OpenAI()


def complete(prompt):
    response = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=64
    )
    return response.choices[0].text
'''

# A Titan body on Bedrock: another vendor, never touched.
_BEDROCK_TRAP = '''\
"""Titan on Bedrock: not an anthropic model, not a legacy call."""

import json

import boto3

bedrock = boto3.client("bedrock-runtime")


def ask(question):
    body = json.dumps({"inputText": question, "textGenerationConfig": {"maxTokenCount": 200}})
    response = bedrock.invoke_model(body=body, modelId="amazon.titan-text-express-v1")
    return json.loads(response["body"].read())["results"][0]["outputText"]
'''


def _notebook() -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Claude, the old way\n"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": ["%pip install anthropic==0.25.0\n"],
        },
        {
            "cell_type": "code",
            "execution_count": 2,
            "metadata": {},
            "outputs": [],
            "source": [
                "import anthropic\n",
                "\n",
                "client = anthropic.Anthropic()\n",
                "response = client.completions.create(\n",
                '    model="claude-2",\n',
                "    max_tokens_to_sample=100,\n",
                '    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",\n',
                ")\n",
                "print(response.completion)\n",
            ],
        },
    ]
    notebook = {
        "cells": cells,
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1) + "\n"


# Known places deep inside the packages' trees; the first folder is the unpacked sdist.
PLANTS = (
    Plant("django-5.2.19/django/contrib/flatpages/llm_summary.py", "sdk", "TCM001", _SDK_SYNC),
    Plant("sympy-1.14.0/sympy/printing/llm_explain.py", "sdk", "TCM001", _SDK_ASYNC),
    Plant("pandas-3.1.1/pandas/io/formats/llm_describe.py", "raw_http", "TCM015", _RAW_HTTP),
    Plant("ansible_core-2.19.14/lib/ansible/plugins/lookup/claude.py", "pre03_sdk", None, _PRE03),
    Plant("boto3-1.44.8/boto3/examples/bedrock_claude.py", "bedrock_boto3", None, _BEDROCK),
    Plant("django-5.2.19/docs/howto/claude_legacy.ipynb", "notebook", None, _notebook()),
    Plant("openai-3.54.0/examples/compare_providers.py", "trap", None, _OPENAI_TRAP),
    Plant("botocore-1.44.8/botocore/data/titan_example.py", "trap", None, _BEDROCK_TRAP),
)

# One clean file and one legacy file, for the pre-commit case.
CLEAN_ONE = "django-5.2.19/django/utils/text.py"
LEGACY_ONE = PLANTS[0]

# Third-party files of the corpus that do name the legacy API: findings in them are true,
# and neither required nor counted as false positives.
THIRD_PARTY_LEGACY = {
    "anthropic-2.12.0/tests/lib/test_bedrock.py": (
        "the SDK's own test posts to the legacy /v1/complete path, to check that Bedrock "
        "does not rewrite it"
    ),
}
