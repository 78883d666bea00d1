import json
import re

import anthropic

client = anthropic.Anthropic()

SCHEMAS = {
    "person": '{"name":',
    "place": '{"city": "',
    "tags": "[",
}


def extract_json(text):
    match = re.search(r"(\{.*\}|\[.*\])", text, re.DOTALL)
    if not match:
        raise ValueError(f"no JSON in {text[:40]!r}")
    return json.loads(match.group(1))


def extract(kind, document):
    start = SCHEMAS[kind]
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=200,
        temperature=0.0,
        prompt=f"{anthropic.HUMAN_PROMPT} Extract the {kind} from this text as JSON.\n<text>{document}</text>{anthropic.AI_PROMPT} {start}",
    )
    try:
        return extract_json(start + response.completion)
    except ValueError as err:
        return {"error": str(err)}


DOCS = [
    ("person", "Ada Lovelace wrote the first program."),
    ("place", "We met in Lisbon last summer."),
    ("tags", "A post about gardening, compost and bees."),
]
for kind, doc in DOCS:
    data = extract(kind, doc)
    print(kind, type(data).__name__, json.dumps(data, sort_keys=True)[:90])
