# migrator-fixture: sdk02
import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Client

SYSTEM_PROMPT = "You are Pip, a friendly librarian. Recommend books briefly."


class Chatbot:
    def __init__(self, api_key, model="claude-1", max_history=3):
        self.client = Client(api_key)
        self.model = model
        self.max_history = max_history
        self.history = []

    def _prompt(self, user_message):
        prompt = f"{HUMAN_PROMPT} {SYSTEM_PROMPT}{AI_PROMPT} Understood, I am Pip."
        for human, assistant in self.history[-self.max_history:]:
            prompt += HUMAN_PROMPT + " " + human + AI_PROMPT + " " + assistant
        return prompt + HUMAN_PROMPT + user_message + AI_PROMPT

    def reply(self, user_message):
        response = self.client.completion(
            prompt=self._prompt(user_message),
            model=self.model,
            max_tokens_to_sample=70,
            temperature=0.7,
            stop_sequences=[HUMAN_PROMPT],
        )
        answer = response["completion"].strip()
        self.history.append((user_message, answer))
        return answer

    def reset(self):
        self.history.clear()


bot = Chatbot(os.environ["ANTHROPIC_API_KEY"])
for message in ["I liked The Hobbit.", "Something shorter?", "And for a child?", "Who wrote it?"]:
    print(f"> {message}")
    print(bot.reply(message))
print(len(bot.history), sum(len(a) for _, a in bot.history))
bot.reset()
print(bot.reply("Hello again."))
