import time

import anthropic

client = anthropic.Anthropic()
PERSONAS = {"pirate": "You talk like a pirate.", "poet": "You answer in verse."}


def call(persona, question, max_tokens=60):
    t0 = time.perf_counter()
    r = client.completions.create(
        model="claude-2",
        prompt=f"{PERSONAS[persona]}\n\nHuman: {question}\n\nAssistant:",
        max_tokens_to_sample=max_tokens,
    )
    return {"persona": persona, "response": r, "seconds": time.perf_counter() - t0}


results = [call(p, "What is the sea?") for p in PERSONAS]
results.append(call("poet", "Describe winter in detail.", 5))
by_persona = {}
for res in results:
    by_persona.setdefault(res["persona"], []).append(res["response"])
for persona, responses in by_persona.items():
    texts = [r.completion.strip() for r in responses]
    print(persona, len(texts), texts)
print(all(res["seconds"] >= 0 for res in results))
print(sum(res["response"].stop_reason == "max_tokens" for res in results), "truncated")
