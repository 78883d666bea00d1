import anthropic


class StdOutCallbackHandler:
    def on_llm_start(self, prompts):
        print(f"[start] {len(prompts)} prompt(s), {sum(map(len, prompts))} chars")

    def on_llm_new_token(self, token):
        print(token, end="", flush=True)

    def on_llm_end(self, text):
        print(f"\n[end] {len(text.split())} words")


class ClaudeLLM:
    model = "claude-instant-1"
    max_tokens_to_sample = 40
    streaming = True

    def __init__(self, callbacks=()):
        self.client = anthropic.Anthropic()
        self.callbacks = list(callbacks)

    def _wrap(self, text):
        return f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"

    def _stream(self, prompt, stop=None):
        for data in self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=self.max_tokens_to_sample,
            stop_sequences=stop,
            stream=True,
        ):
            yield data.completion

    def invoke(self, text, stop=None):
        prompt = self._wrap(text)
        for cb in self.callbacks:
            cb.on_llm_start([prompt])
        chunks = []
        for token in self._stream(prompt, stop=stop):
            chunks.append(token)
            for cb in self.callbacks:
                cb.on_llm_new_token(token)
        text = "".join(chunks)
        for cb in self.callbacks:
            cb.on_llm_end(text)
        return text


llm = ClaudeLLM(callbacks=[StdOutCallbackHandler()])
first = llm.invoke("Write a short poem about a lighthouse.")
second = llm.invoke("Count to ten and say stop.", stop=["four"])
print(repr(first[:30]), repr(second[-20:]))
