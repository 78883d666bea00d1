# migrator-fixture: sdk02
import os

import anthropic


class Placeholder:
    def __init__(self, log):
        self.log = log
        self.value = ""

    def markdown(self, text):
        self.value = text


class FakeStreamlit:
    def __init__(self):
        self.session_state = {}
        self.rendered = []

    def empty(self):
        return Placeholder(self.rendered)

    def chat_message(self, role, text):
        self.rendered.append(f"{role}: {text}")


st = FakeStreamlit()
client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
SCRIPTED_INPUTS = ["Hi! Can you help me plan dinner?", "Something vegetarian, please.", "How long will it take?"]

if "messages" not in st.session_state:
    st.session_state["messages"] = []


def build_prompt(messages):
    prompt = ""
    for msg in messages:
        marker = anthropic.HUMAN_PROMPT if msg["role"] == "user" else anthropic.AI_PROMPT
        prompt += f"{marker} {msg['content']}"
    return prompt + anthropic.AI_PROMPT


for user_input in SCRIPTED_INPUTS:
    st.session_state["messages"].append({"role": "user", "content": user_input})
    st.chat_message("user", user_input)
    placeholder = st.empty()
    full_response = ""
    for data in client.completion_stream(
        prompt=build_prompt(st.session_state["messages"]),
        model="claude-instant-v1",
        max_tokens_to_sample=60,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ):
        full_response = data["completion"]
        placeholder.markdown(full_response + "▌")
    placeholder.markdown(full_response)
    st.chat_message("assistant", placeholder.value)
    st.session_state["messages"].append({"role": "assistant", "content": full_response})

print("\n".join(st.rendered))
print(len(st.session_state["messages"]))
