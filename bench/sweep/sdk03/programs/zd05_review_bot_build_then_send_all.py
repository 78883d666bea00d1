import anthropic


class ReviewBot:
    STOP = [anthropic.HUMAN_PROMPT, "</review>"]

    def __init__(self, client=None, model="claude-2"):
        self.client = client or anthropic.Anthropic()
        self.model = model
        self.pending = []

    def build(self, code, style="pep8"):
        prompt = anthropic.HUMAN_PROMPT + " Review this code for " + style + " issues:\n" + code
        prompt += "\nAnswer inside <review> tags." + anthropic.AI_PROMPT + " <review>"
        request = {
            "model": self.model,
            "prompt": prompt,
            "max_tokens_to_sample": 200,
            "stop_sequences": self.STOP,
        }
        self.pending.append(request)
        return request

    def send_all(self):
        out = []
        while self.pending:
            req = self.pending.pop(0)
            resp = self.client.completions.create(**req)
            out.append((resp.completion.strip(), resp.stop_reason))
        return out


bot = ReviewBot()
bot.build("def f(x):return x*2")
r = bot.build("import os,sys", style="import")
r["max_tokens_to_sample"] = 6
r["temperature"] = 0.2
for text, reason in bot.send_all():
    print(reason == "max_tokens", text)
print(len(bot.pending))
