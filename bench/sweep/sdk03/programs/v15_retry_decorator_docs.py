import functools
import time

import anthropic

client = anthropic.Anthropic()
DOCS = ["Cats sleep a lot.", "Cats purr when content.", "Cats have whiskers."]


def retry(times=3, delay=0.05):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for i in range(times):
                try:
                    return fn(*args, **kwargs)
                except anthropic.APIConnectionError:
                    if i == times - 1:
                        raise
                    time.sleep(delay)

        return inner

    return wrap


@retry(times=2)
def answer(question, docs):
    context = "\n\n".join(f"<doc>{d}</doc>" for d in docs)
    prompt = (
        "You are a careful assistant. Use the documents below.\n"
        + context
        + "\n\nHuman: "
        + question
        + "\n\nAssistant:"
    )
    return client.completions.create(
        model="claude-2", prompt=prompt, max_tokens_to_sample=80, stop_sequences=["\n\nHuman:"]
    ).completion.strip()


print(answer("Why do cats purr?", DOCS))
