import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class UnitConverter:
    system = "You convert units. Reply with the number and unit only."
    examples = [("3 ft in inches", "36 in"), ("2 kg in grams", "2000 g")]

    def __init__(self, client, model="claude-instant-1.2", with_examples=True):
        self.client = client
        self.model = model
        self.with_examples = with_examples

    def _build(self, query, hint=None):
        prompt = self.system if self.system else ""
        if self.with_examples:
            for q, a in self.examples:
                prompt += f"{HUMAN_PROMPT} {q}"
                prompt += f"{AI_PROMPT} {a}"
        question = query if hint is None else f"{query} (hint: {hint})"
        prompt += f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
        return prompt

    def convert(self, query, hint=None):
        resp = self.client.completions.create(
            model=self.model,
            prompt=self._build(query, hint),
            max_tokens_to_sample=30,
            stop_sequences=[HUMAN_PROMPT],
            temperature=0,
        )
        first = resp.completion.split("\n")[0].strip()
        return first, resp.stop_reason


client = anthropic.Anthropic()
conv = UnitConverter(client)
bare = UnitConverter(client, with_examples=False)
for q, hint in [("5 miles in km", None), ("1 lb in g", "about 454")]:
    text, reason = conv.convert(q, hint)
    print(f"{q}: {text!r} [{reason}]")
print(bare.convert("10 cm in inches")[0][:50])
