import textwrap

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

ARTICLE = (
    "The river town grew around a mill that ground grain for three valleys. "
    "When the railway arrived the mill closed and the town turned to weaving. "
    "Weavers built terraced houses along the canal and a school for their children. "
    "A flood in the spring of 1902 destroyed half of the terraces and the old bridge. "
    "The town rebuilt the bridge in stone and moved the school to higher ground. "
    "Today the canal carries tourists, and the mill is a museum of local history."
)

COMBINE_TEMPLATE = HUMAN_PROMPT + " Combine these partial summaries into one sentence:\n{summaries}" + AI_PROMPT


class Summariser:
    def __init__(self, chunk_chars=160, model="claude-instant-1"):
        self.client = Anthropic()
        self.chunk_chars = chunk_chars
        self.model = model

    def chunks(self, text):
        return textwrap.wrap(text, self.chunk_chars, break_long_words=False)

    def _complete(self, prompt, max_tokens):
        resp = self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=max_tokens,
        )
        return resp.completion.strip()

    def summarise(self, text):
        partials = []
        for n, chunk in enumerate(self.chunks(text), 1):
            prompt = f"{HUMAN_PROMPT} Summarise part {n} in one line:\n\n{chunk}{AI_PROMPT}"
            partials.append(self._complete(prompt, max_tokens=40))
        if len(partials) == 1:
            return partials, partials[0]
        joined = "\n".join(f"- {p}" for p in partials)
        return partials, self._complete(COMBINE_TEMPLATE.format(summaries=joined), max_tokens=60)


partials, final = Summariser().summarise(ARTICLE)
for p in partials:
    print("*", p)
print("=>", final)
