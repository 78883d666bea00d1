import time

import anthropic

ROLE_MARKERS = {"user": anthropic.HUMAN_PROMPT, "assistant": anthropic.AI_PROMPT}


class ChatBot:
    def __init__(self, model="claude-instant-1.2", max_tokens=120, retries=3):
        self.client = anthropic.Anthropic()
        self.opts = {"model": model, "max_tokens_to_sample": max_tokens, "temperature": 0.2}
        self.retries = retries
        self.history = []

    def _render(self):
        turns = "".join(f"{ROLE_MARKERS[m['role']]} {m['content']}" for m in self.history)
        return turns + anthropic.AI_PROMPT

    def _call(self):
        for attempt in range(self.retries):
            try:
                return self.client.completions.create(
                    prompt=self._render(),
                    stop_sequences=[anthropic.HUMAN_PROMPT],
                    **self.opts,
                )
            except anthropic.APIStatusError as err:
                if err.status_code not in (429, 500, 529) or attempt == self.retries - 1:
                    raise
                time.sleep(0.1 * (attempt + 1))

    def ask(self, text):
        self.history.append({"role": "user", "content": text})
        response = self._call()
        answer = response.completion.strip()
        self.history.append({"role": "assistant", "content": answer})
        return answer


bot = ChatBot()
for line in ["Hi, I'm planning a trip.", "Suggest a city in Spain.", "And one in Portugal?"]:
    print("you:", line)
    print("bot:", bot.ask(line))
print("turns:", len(bot.history))
