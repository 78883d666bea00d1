"""Summarise a few snippets with Claude and dump the results as JSON."""
import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

MODEL = "claude-2"

PROMPT_TEMPLATE = (
    HUMAN_PROMPT
    + " Summarise the following text in one sentence.\n\n"
    + "<text>\n{text}\n</text>\n\n"
    + "Audience: {audience}"
    + AI_PROMPT
)

client = Anthropic()

snippets = {
    "tides": "Tides are caused mainly by the gravitational pull of the moon on the oceans.",
    "bees": "Honey bees communicate the location of flowers through a waggle dance.",
}

results = {}
for key, text in snippets.items():
    prompt = PROMPT_TEMPLATE.format(
        text=text,
        audience="children",
    )
    completion = client.completions.create(
        model=MODEL,
        max_tokens_to_sample=120,
        prompt=prompt,
    )
    results[key] = {
        "summary": completion.completion.strip(),
        "stop_reason": completion.stop_reason,
        "chars": len(completion.completion),
    }

print(json.dumps(results, indent=2, sort_keys=True))
