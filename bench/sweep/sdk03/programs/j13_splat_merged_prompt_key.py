import anthropic

MODELS = {"draft": "claude-instant-1.2", "final": "claude-2.1"}
client = anthropic.Anthropic()


def base_params(stage):
    return {
        "model": MODELS[stage],
        "max_tokens_to_sample": 300 if stage == "final" else 8,
        "temperature": 0.7,
    }


def build_prompt(topic, notes=None):
    prompt = f"{anthropic.HUMAN_PROMPT} Write a tagline about {topic}."
    if notes:
        prompt += f" Keep in mind: {notes}"
    return prompt + anthropic.AI_PROMPT


base = base_params("draft")
for topic in ["coffee", "bicycles"]:
    p = build_prompt(topic)
    r = client.completions.create(**{**base, "prompt": p})
    print(topic, "|", r.completion.strip())
final = client.completions.create(**{**base_params("final"), "prompt": build_prompt("tea", notes="short")})
print("final |", final.completion.strip(), final.stop_reason == "stop_sequence")
