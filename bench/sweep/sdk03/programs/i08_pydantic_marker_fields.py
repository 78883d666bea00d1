import anthropic
from pydantic import BaseModel


class ChatSettings(BaseModel):
    model: str = "claude-2"
    budget: int = 50
    human_marker: str = anthropic.HUMAN_PROMPT
    ai_marker: str = anthropic.AI_PROMPT


class Bot:
    def __init__(self, client, settings: ChatSettings):
        self.client = client
        self.s = settings

    def prompt_for(self, question):
        return self.s.human_marker + " " + question + self.s.ai_marker

    def reply(self, question):
        r = self.client.completions.create(
            model=self.s.model,
            max_tokens_to_sample=self.s.budget,
            prompt=self.prompt_for(question),
            stop_sequences=[self.s.human_marker],
        )
        return r.completion.strip()


bot = Bot(anthropic.Anthropic(), ChatSettings())
for q in ["What is a haiku?", "Name a tree."]:
    print(bot.reply(q))
short = Bot(anthropic.Anthropic(), ChatSettings(budget=3))
print(short.reply("Describe winter."))
