# migrator-fixture: sdk02
"""A Slack-style bot: replies in a thread, with the thread so far as context."""
import os

import anthropic

BOT_ID = "U0BOT"
INSTRUCTIONS = "You are a helpful assistant in a team chat. Keep answers short."


class ClaudeSlackBot:
    def __init__(self, token=None, model="claude-instant-1", max_tokens=60):
        self.claude = anthropic.Client(api_key=token or os.environ["ANTHROPIC_API_KEY"])
        self.model = model
        self.max_tokens = max_tokens
        self.threads = {}

    def _render(self, messages):
        prompt = ""
        for i, msg in enumerate(messages):
            if msg["user"] == BOT_ID:
                prompt += f"{anthropic.AI_PROMPT} {msg['text']}"
            elif i == 0:
                prompt += f"{anthropic.HUMAN_PROMPT} {INSTRUCTIONS}\n\n{msg['text']}"
            else:
                prompt += f"{anthropic.HUMAN_PROMPT} {msg['text']}"
        return prompt + anthropic.AI_PROMPT

    def handle_event(self, event):
        thread = self.threads.setdefault(event["thread_ts"], [])
        thread.append({"user": event["user"], "text": event["text"]})
        resp = self.claude.completion(
            prompt=self._render(thread),
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        reply = resp["completion"].strip()
        if resp["stop_reason"] == "max_tokens":
            reply += " …"
        thread.append({"user": BOT_ID, "text": reply})
        return {"channel": event["channel"], "thread_ts": event["thread_ts"], "text": reply}


bot = ClaudeSlackBot()
terse = ClaudeSlackBot(max_tokens=4)
events = [
    {"channel": "C1", "thread_ts": "1.0", "user": "U1", "text": "What does CI stand for?"},
    {"channel": "C1", "thread_ts": "1.0", "user": "U2", "text": "And CD?"},
    {"channel": "C2", "thread_ts": "2.0", "user": "U1", "text": "Explain monads thoroughly."},
]
for ev in events:
    out = bot.handle_event(ev)
    print(out["channel"], out["thread_ts"], "|", out["text"])
print(terse.handle_event(events[2])["text"])
print({ts: len(msgs) for ts, msgs in bot.threads.items()})
