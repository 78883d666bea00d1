import sys

import anthropic

DEFAULT_PARAMS = dict(
    model="claude-v1.3-100k",
    max_tokens_to_sample=200,
    temperature=0.7,
    stop_sequences=[anthropic.HUMAN_PROMPT],
)


def build_prompt(task, notes):
    parts = [anthropic.HUMAN_PROMPT, " ", task]
    if notes:
        parts.append("\n\nNotes:\n" + "\n".join(f"- {n}" for n in notes))
    parts.append(anthropic.AI_PROMPT)
    return "".join(parts)


def complete(provider, prompt, limit):
    if provider == "anthropic":
        client = anthropic.Anthropic()
        params = {**DEFAULT_PARAMS, "max_tokens_to_sample": limit}
        response = client.completions.create(prompt=prompt, **params)
        return response.completion.strip(), response.stop_reason == "max_tokens"
    # OPENAI-BEGIN
    import openai

    client = openai.OpenAI()
    response = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=limit)
    return response.choices[0].text.strip(), response.choices[0].finish_reason == "length"
    # OPENAI-END


def main(argv):
    provider = argv[1] if len(argv) > 1 else "anthropic"
    limit = int(argv[2]) if len(argv) > 2 else 50
    for task, notes in [("Draft a release note.", ["fixed login bug", "faster search"]), ("Name the release.", [])]:
        text, cut = complete(provider, build_prompt(task, notes), limit if notes else 3)
        print(f"{task} -> {text!r}{' (cut)' if cut else ''}")


if __name__ == "__main__":
    main(sys.argv)
