import json

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()


def build_prompt(task, text, json_mode=False):
    instructions = f"{task}\n\n<text>{text}</text>"
    if json_mode:
        instructions += "\n\nRespond with a JSON object."
    prompt = f"{HUMAN_PROMPT} {instructions}{AI_PROMPT}"
    if json_mode:
        prompt += " {"
    return prompt


def run(task, text, json_mode=False):
    prompt = build_prompt(task, text, json_mode=json_mode)
    result = client.completions.create(
        model="claude-2.1",
        prompt=prompt,
        max_tokens_to_sample=120,
        temperature=0,
    )
    output = result.completion
    if json_mode:
        return json.loads("{" + output)
    return output.strip()


plain = run("Name the language of this text.", "Bonjour tout le monde")
print("plain:", plain[:60])
data = run("Extract the city.", "I flew from Oslo to Rome.", json_mode=True)
print("json keys:", sorted(data), "first value:", str(list(data.values())[0])[:40])
