import anthropic


class Bot:
    client = anthropic.Anthropic()
    model = "claude-2"

    def reply(self, text):
        response = self.client.completions.create(
            model=self.model,
            max_tokens_to_sample=50,
            prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
        )
        return response.completion


print(Bot().reply("Good morning"))
