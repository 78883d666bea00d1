import dataclasses

import anthropic


@dataclasses.dataclass
class Conversation:
    system: str
    roles: tuple = ("Human", "Assistant")
    messages: list = dataclasses.field(default_factory=list)
    sep: str = "\n\n"

    def append_message(self, role, message):
        self.messages.append([role, message])

    def get_prompt(self):
        ret = self.system
        for role, message in self.messages:
            if message:
                ret += self.sep + role + ": " + message
            else:
                ret += self.sep + role + ":"
        return ret

    def copy(self):
        return dataclasses.replace(self, messages=[list(m) for m in self.messages])


TEMPLATE = Conversation(system="A chat between a curious user and a helpful assistant.")
client = anthropic.Anthropic()


def chat(conv, user_text, max_new_tokens=48):
    conv.append_message(conv.roles[0], user_text)
    conv.append_message(conv.roles[1], None)
    response = client.completions.create(
        model="claude-2",
        prompt=conv.get_prompt(),
        max_tokens_to_sample=max_new_tokens,
        temperature=0.7,
    )
    conv.messages[-1][1] = response.completion.strip()
    return conv.messages[-1][1]


conv = TEMPLATE.copy()
print(chat(conv, "Recommend a board game."))
print(chat(conv, "Is it good for two players?"))
print(len(conv.messages), sum(len(m or "") for _, m in conv.messages))
