import anthropic


class Defaults(dict):
    def __missing__(self, key):
        return "{" + key + "}"


PROMPT = "{human} Translate into {language}: {text}{ai}"
MARKERS = Defaults(human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT)

client = anthropic.Anthropic()


def translate(text, language="French"):
    values = Defaults(MARKERS, text=text, language=language)
    prompt = PROMPT.format_map(values)
    out = client.completions.create(model="claude-instant-1", prompt=prompt, max_tokens_to_sample=50)
    return out.completion.strip()


print(translate("good morning"))
print(translate("thank you", language="German"))
print(PROMPT.format_map(Defaults(text="cheese")))
