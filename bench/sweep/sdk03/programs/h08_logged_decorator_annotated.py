import functools
import logging
import sys

import anthropic
from anthropic.types import Completion

logging.basicConfig(stream=sys.stdout, level=logging.WARNING, format="%(levelname)s %(message)s")
log = logging.getLogger("llm")
log.setLevel(logging.INFO)
client = anthropic.Anthropic()


def logged(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        log.info("calling %s", fn.__name__)
        result = fn(*args, **kwargs)
        log.info("got %d chars, complete=%s", len(result.completion), result.stop_reason != "max_tokens")
        return result

    return inner


@logged
def complete(question: str, max_tokens: int = 200) -> Completion:
    return client.completions.create(
        model="claude-instant-1.1",
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )


# OPENAI-BEGIN
def complete_openai(question):
    import openai

    return openai.OpenAI().completions.create(model="gpt-3.5-turbo-instruct", prompt=question)
# OPENAI-END


answer = complete("What is the tallest tree species?")
print(answer.completion.strip())
print(complete("Explain tides in depth.", max_tokens=3).completion.strip())
