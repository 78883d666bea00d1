import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT


class ChatUI:
    def __init__(self):
        self.client = anthropic.Anthropic()
        self.history = ""

    def ask(self, text):
        self.history += f"{HUMAN_PROMPT} {text}{AI_PROMPT}"
        reply = ""
        for ev in self.client.completions.create(
            model="claude-2", prompt=self.history, max_tokens_to_sample=40, stream=True
        ):
            reply += ev.completion
            print(ev.completion, end="")
        print()
        self.history += " " + reply
        return reply


ui = ChatUI()
ui.ask("Hello")
ui.ask("Tell me more")
print(ui.history.count(HUMAN_PROMPT))
