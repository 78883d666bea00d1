import json
import sys

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()

documents = [
    "Maria Lopez moved from Lisbon to Porto last spring.",
    "After graduating, Kenji Sato took a job in Osaka.",
]

rows = []
for doc in documents:
    prompt = (
        f"{HUMAN_PROMPT} Extract the person's name and city from the text below.\n"
        f"<text>{doc}</text>\n"
        "Put the answer as 'name, city' inside <answer></answer> tags."
        f"{AI_PROMPT} <answer>"
    )
    r = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=40,
        stop_sequences=["</answer>"],
    )
    name, _, city = r.completion.partition(",")
    rows.append(
        {"doc": doc[:20], "name": name.strip(), "city": city.strip(), "stop": r.stop_reason}
    )

json.dump(rows, sys.stdout, indent=1)
print()
