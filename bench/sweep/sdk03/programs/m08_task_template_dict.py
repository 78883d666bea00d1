import json

from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

TASKS = {
    "summary": f"{HUMAN_PROMPT} Summarize in one line:\n{{text}}{AI_PROMPT}",
    "keywords": f"{HUMAN_PROMPT} List three keywords for:\n{{text}}\nComma separated.{AI_PROMPT}",
    "json": f"{HUMAN_PROMPT} Return a JSON object with keys title and length for:\n{{text}}{AI_PROMPT} {{{{",
}

client = Anthropic()


def run_task(name, text, **params):
    prompt = TASKS[name].format(text=text)
    resp = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=100,
        **params,
    )
    out = resp.completion
    if name == "json":
        return json.loads("{" + out)
    return out.strip()


ARTICLE = "Solar panels on city roofs could cover a third of household demand."
print(run_task("summary", ARTICLE))
print(run_task("keywords", ARTICLE, temperature=0.2))
data = run_task("json", ARTICLE, temperature=0.0)
print(sorted(data))
