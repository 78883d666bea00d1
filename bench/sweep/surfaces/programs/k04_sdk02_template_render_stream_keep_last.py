# migrator-fixture: sdk02
import os
from string import Template

import anthropic

TEMPLATE = Template("$human You are a helpful poet.\n\nWrite a $form about $topic.$ai")


def render(**fields):
    return TEMPLATE.substitute(human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT, **fields)


def poem(client, form, topic):
    stream = client.completion_stream(
        prompt=render(form=form, topic=topic),
        model="claude-2",
        max_tokens_to_sample=60,
        stop_sequences=["\n\nHuman:"],
    )
    last = None
    for last in stream:
        pass
    return last["completion"], last["stop_reason"]


c = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
text, why = poem(c, "haiku", "autumn")
print(text.strip())
print(why)
text, why = poem(c, "limerick", "a cat")
print(len(text.split()), why)
