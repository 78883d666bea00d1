import anthropic

FEW_SHOT = (
    "\n\nHuman: Tag the animal: 'The cat sat on the mat.'"
    "\n\nAssistant: <tag>cat</tag>"
    "\n\nHuman: Tag the animal: 'A dog barked twice.'"
    "\n\nAssistant: <tag>dog</tag>"
)

client = anthropic.Client()


def tag(sentence):
    prompt = FEW_SHOT + f"\n\nHuman: Tag the animal: '{sentence}'\n\nAssistant: <tag>"
    out = client.completions.create(
        model="claude-instant-1",
        prompt=prompt,
        max_tokens_to_sample=12,
        stop_sequences=["</tag>", anthropic.HUMAN_PROMPT],
        temperature=0,
        top_k=1,
        top_p=0.9,
    )
    return out.completion.strip()


for s in ["An owl hooted.", "The horse ran fast.", "Fish swim."]:
    t = tag(s)
    print(f"{s!r:24} -> {t!r} ({len(t.split())} words)")
