import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

# generic generation settings -> Anthropic legacy names
ARG_MAP = {
    "max_new_tokens": "max_tokens_to_sample",
    "stop": "stop_sequences",
    "top_p": "top_p",
    "temperature": "temperature",
}


def build_prompt(messages, system=None):
    prompt = system or ""
    for m in messages:
        tag = HUMAN_PROMPT if m["role"] == "user" else AI_PROMPT
        prompt += f"{tag} {m['content']}"
    return prompt + AI_PROMPT


class Generator:
    def __init__(self, model="claude-2", **settings):
        self.client = anthropic.Anthropic()
        self.model = model
        self.settings = {ARG_MAP[k]: v for k, v in settings.items() if k in ARG_MAP}

    def generate(self, messages, system=None, stream=False):
        kwargs = dict(self.settings, model=self.model, prompt=build_prompt(messages, system))
        if stream:
            kwargs["stream"] = True
        response = self.client.completions.create(**kwargs)
        if stream:
            return "".join(chunk.completion for chunk in response)
        return response.completion


gen = Generator(max_new_tokens=30, temperature=0.2, stop=["STOP"])
msgs = [{"role": "user", "content": "Give me a haiku topic."}]
print(gen.generate(msgs, system="You are terse."))
msgs += [{"role": "assistant", "content": "Autumn rain."}, {"role": "user", "content": "Now count and stop."}]
print(gen.generate(msgs, stream=True))
print(len(gen.generate(msgs).split()))
