import textwrap

import anthropic

client = anthropic.Anthropic()
topic = "volcanoes"
prompt = textwrap.dedent(
    f"""\


    Human: Write two sentences about {topic}.

    Assistant:"""
)
r = client.completions.create(model="claude-2", max_tokens_to_sample=60, prompt=prompt)
print(r.completion)
