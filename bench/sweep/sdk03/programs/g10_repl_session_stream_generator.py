import sys

import anthropic


class StreamingChat:
    def __init__(self, client, model="claude-instant-1.2"):
        self.client = client
        self.model = model
        self.history = ""

    def stream_reply(self, user_text):
        self.history += f"{anthropic.HUMAN_PROMPT} {user_text}{anthropic.AI_PROMPT}"
        stream = self.client.completions.create(
            model=self.model,
            prompt=self.history,
            max_tokens_to_sample=50,
            stop_sequences=[anthropic.HUMAN_PROMPT],
            stream=True,
        )
        reply = []
        for event in stream:
            reply.append(event.completion)
            yield event.completion
        self.history += "".join(reply)


def repl(chat, lines):
    for line in lines:
        if line.strip() in {"/quit", "/exit"}:
            print("bye")
            break
        if line.startswith("/history"):
            print(f"[{chat.history.count(anthropic.HUMAN_PROMPT)} turns]")
            continue
        sys.stdout.write("claude> ")
        for piece in chat.stream_reply(line):
            sys.stdout.write(piece)
            sys.stdout.flush()
        sys.stdout.write("\n")


scripted_input = ["Hi, who are you?", "/history", "Tell me a fact about owls.", "/quit", "never sent"]
repl(StreamingChat(anthropic.Anthropic()), scripted_input)
