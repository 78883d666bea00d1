import time

import anthropic

client = anthropic.Anthropic(max_retries=0)
RETRYABLE = (anthropic.RateLimitError, anthropic.InternalServerError, anthropic.APIConnectionError)
FINISHED = ("stop_sequence", "max_tokens")


def stream_answer(question, attempts=3):
    prompt = f"\n\nHuman: {question}\n\nAssistant:"
    for attempt in range(attempts):
        pieces, reason = [], None
        try:
            for event in client.completions.create(
                model="claude-instant-1.2",
                prompt=prompt,
                max_tokens_to_sample=20,
                stop_sequences=["\n\nHuman:", "STOP"],
                stream=True,
            ):
                pieces.append(event.completion)
                if event.stop_reason in FINISHED:
                    reason = event.stop_reason
            return "".join(pieces), reason
        except RETRYABLE as err:
            print("retrying after", type(err).__name__)
            time.sleep(0.1 * 2**attempt)
    raise RuntimeError("gave up")


for q in ["Describe a windmill.", "List numbers and stop early.", "Tell me a very long story about a cat."]:
    text, reason = stream_answer(q)
    flag = "cut" if reason == "max_tokens" else "ok"
    print(flag, reason, text.strip())
