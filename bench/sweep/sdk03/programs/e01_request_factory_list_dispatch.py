import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

MODEL = "claude-instant-1.2"
USE_OPENAI = False


def make_request(question, limit=60, extra_stops=()):
    return {
        "model": MODEL,
        "prompt": f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        "max_tokens_to_sample": limit,
        "stop_sequences": [HUMAN_PROMPT, *extra_stops],
    }


# OPENAI-BEGIN
def make_openai_request(question, limit=60):
    return {"model": "gpt-3.5-turbo-instruct", "prompt": f"Q: {question}\nA:", "max_tokens": limit, "stop": ["\nQ:"]}


def dispatch_openai(client, requests):
    results = []
    for req in requests:
        resp = client.completions.create(**req)
        choice = resp.choices[0]
        results.append((req["max_tokens"], choice.text.strip(), choice.finish_reason))
    return results
# OPENAI-END


def dispatch(client, requests):
    results = []
    for req in requests:
        resp = client.completions.create(**req)
        results.append((req["max_tokens_to_sample"], resp.completion.strip(), resp.stop_reason))
    return results


def label(reason):
    if reason == "max_tokens":
        return "cut"
    return "done"


def main():
    client = anthropic.Anthropic()
    if USE_OPENAI:
        # OPENAI-BEGIN
        import openai

        results = dispatch_openai(openai.OpenAI(), [make_openai_request("Name a noble gas.")])
        # OPENAI-END
    else:
        pending = [
            make_request("Name a noble gas."),
            make_request("Explain tides at length.", limit=5),
            make_request("Count to five, then stop.", extra_stops=["STOP"]),
        ]
        results = dispatch(client, pending)
    for limit, text, reason in results:
        print(f"[{label(reason)}] limit={limit}: {text}")


if __name__ == "__main__":
    main()
