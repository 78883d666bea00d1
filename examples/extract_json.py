"""Pull structured data out of a sentence, using a JSON prefill."""

import json

import anthropic

client = anthropic.Anthropic()


def extract(sentence):
    completion = client.completions.create(
        model="claude-instant-1",
        max_tokens_to_sample=200,
        prompt=f"{anthropic.HUMAN_PROMPT} Extract the person and the city from: {sentence}{anthropic.AI_PROMPT} {{",
    )
    return json.loads("{" + completion.completion)


if __name__ == "__main__":
    data = extract("Ada moved to London in 1833.")
    print(sorted(data.items()))
