# migrator-fixture: sdk02
import os

import anthropic

# KEEP-BEGIN
def openai_call(prompt):
    import openai

    return openai.Completion.create(engine="text-davinci-003", prompt=prompt, max_tokens=50)["choices"][0]["text"]
# KEEP-END


def claude_call(prompt):
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    return client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=50,
    )["completion"]


print(claude_call("What's up?"))
