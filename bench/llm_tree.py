"""An LLM-shaped tree for the benchmark: modules that call other vendors, and Claude's current API.

A real LLM codebase is not third-party library code: many of its modules name
``anthropic`` and ``completions`` in the same file (a router over several
providers, OpenAI's ``chat.completions.create`` beside Anthropic's
``messages.create``), and so pass the byte prefilter. None of them holds a
legacy call: every finding in this tree is a false positive, and every second
spent on it is the price of code that has nothing to migrate.

The files are generated, deterministically, from a few shapes seen in public
code (see ``../shared/PATTERNS.md``, the traps): OpenAI's legacy and chat
completions, sync and async; a provider router; Bedrock bodies of Cohere,
Titan, Llama and of Claude's Messages API; LiteLLM's ``completion``; tests
that patch OpenAI's client.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = "llm_app"
FILES = 500

_OPENAI_LEGACY = '''\
"""Completions for the {name} feature (OpenAI's legacy endpoint)."""

from openai import OpenAI

client = OpenAI()
# Anthropic's models are reached through the router, not here.


def complete_{name}(prompt: str, n: int = {n}) -> list[str]:
    response = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=prompt,
        max_tokens={tokens},
        n=n,
    )
    return [choice.text for choice in response.choices]
'''

_OPENAI_CHAT = '''\
"""Chat for {name}: OpenAI and, behind a flag, anthropic."""

import os

import openai

MODEL = os.environ.get("{upper}_MODEL", "gpt-4o-mini")


def ask_{name}(question: str) -> str:
    completion = openai.chat.completions.create(
        model=MODEL,
        messages=[{{"role": "user", "content": question}}],
        max_tokens={tokens},
    )
    return completion.choices[0].message.content or ""
'''

_OPENAI_ASYNC = '''\
"""Async fan-out for {name}."""

import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()


async def one_{name}(prompt: str) -> str:
    chat = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{{"role": "system", "content": "Be brief."}}, {{"role": "user", "content": prompt}}],
        max_completion_tokens={tokens},
    )
    return chat.choices[0].message.content or ""


async def many_{name}(prompts: list[str]) -> list[str]:
    return await asyncio.gather(*(one_{name}(p) for p in prompts))
'''

_ROUTER = '''\
"""A provider router for {name}: anthropic's Messages API and OpenAI's completions."""

from dataclasses import dataclass

import anthropic
import openai

anthropic_client = anthropic.Anthropic()
openai_client = openai.OpenAI()


@dataclass
class Reply:
    text: str
    provider: str


def route_{name}(provider: str, prompt: str) -> Reply:
    if provider == "anthropic":
        message = anthropic_client.messages.create(
            model="claude-sonnet-4-6",
            max_tokens={tokens},
            messages=[{{"role": "user", "content": prompt}}],
        )
        return Reply("".join(b.text for b in message.content if b.type == "text"), provider)
    if provider == "openai-legacy":
        legacy = openai_client.completions.create(
            model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens={tokens}
        )
        return Reply(legacy.choices[0].text, provider)
    chat = openai_client.chat.completions.create(
        model="gpt-4o", messages=[{{"role": "user", "content": prompt}}]
    )
    return Reply(chat.choices[0].message.content or "", provider)


def count_{name}(prompt: str) -> int:
    counted = anthropic_client.messages.count_tokens(
        model="claude-sonnet-4-6", messages=[{{"role": "user", "content": prompt}}]
    )
    return counted.input_tokens
'''

_BEDROCK = '''\
"""Bedrock bodies for {name}: Cohere, Titan, Llama and anthropic's Messages API."""

import json

import boto3

runtime = boto3.client("bedrock-runtime")


def cohere_{name}(prompt: str) -> str:
    body = json.dumps({{"prompt": prompt, "max_tokens": {tokens}, "temperature": 0.2}})
    answer = runtime.invoke_model(modelId="cohere.command-text-v14", body=body)
    return json.loads(answer["body"].read())["generations"][0]["text"]


def titan_{name}(prompt: str) -> str:
    config = {{"maxTokenCount": {tokens}, "stopSequences": [], "temperature": 0}}
    body = json.dumps({{"inputText": prompt, "textGenerationConfig": config}})
    answer = runtime.invoke_model(modelId="amazon.titan-text-express-v1", body=body)
    return json.loads(answer["body"].read())["results"][0]["outputText"]


def llama_{name}(prompt: str) -> str:
    body = json.dumps({{"prompt": prompt, "max_gen_len": {tokens}, "top_p": 0.9}})
    answer = runtime.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=body)
    return json.loads(answer["body"].read())["generation"]


def claude_{name}(prompt: str) -> str:
    body = {{
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": {tokens},
        "messages": [{{"role": "user", "content": prompt}}],
    }}
    answer = runtime.invoke_model(
        modelId="global.anthropic.claude-sonnet-4-6", body=json.dumps(body)
    )
    return json.loads(answer["body"].read())["content"][0]["text"]
'''

_LITELLM = '''\
"""LiteLLM for {name}: one call shape for every provider (anthropic/claude included)."""

import litellm


def run_{name}(prompt: str, model: str = "anthropic/claude-haiku-4-5") -> str:
    response = litellm.completion(
        model=model, messages=[{{"role": "user", "content": prompt}}], max_tokens={tokens}
    )
    return response.choices[0].message.content


def stream_{name}(prompt: str) -> str:
    parts = []
    for chunk in litellm.completion(
        model="gpt-4o", messages=[{{"role": "user", "content": prompt}}], stream=True
    ):
        parts.append(chunk.choices[0].delta.content or "")
    return "".join(parts)
'''

_TEST = '''\
"""Tests of {name}'s completions, with OpenAI's client patched (anthropic untouched)."""

from unittest import mock

import openai


def test_{name}_reads_the_first_choice():
    client = openai.OpenAI(api_key="test")
    with mock.patch.object(client.completions, "create") as create:
        create.return_value.choices = [mock.Mock(text="ok")]
        result = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="hi")
    assert result.choices[0].text == "ok"
    create.assert_called_once()


def test_{name}_chat():
    with mock.patch("openai.resources.chat.completions.Completions.create") as create:
        create.return_value.choices = [mock.Mock(message=mock.Mock(content="{n}"))]
        chat = openai.OpenAI(api_key="test").chat.completions.create(model="gpt-4o", messages=[])
    assert chat.choices[0].message.content == "{n}"
'''

SHAPES = (_OPENAI_LEGACY, _OPENAI_CHAT, _OPENAI_ASYNC, _ROUTER, _BEDROCK, _LITELLM, _TEST)
_FOLDERS = ("services", "providers", "workers", "router", "bedrock", "gateway", "tests")


def write(root: Path) -> list[Path]:
    """Write the tree under ``root/llm_app``; the paths written."""
    written = []
    for number in range(FILES):
        shape = number % len(SHAPES)
        name = f"feature{number:03d}"
        text = SHAPES[shape].format(
            name=name, upper=name.upper(), n=1 + number % 4, tokens=128 * (1 + number % 8)
        )
        folder = root / FOLDER / _FOLDERS[shape]
        prefix = "test_" if SHAPES[shape] is _TEST else ""
        path = folder / f"{prefix}{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
