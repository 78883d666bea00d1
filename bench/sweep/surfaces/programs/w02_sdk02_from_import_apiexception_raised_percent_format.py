# migrator-fixture: sdk02
import os
import sys

from anthropic import AI_PROMPT, HUMAN_PROMPT, ApiException, Client

client = Client(os.environ["ANTHROPIC_API_KEY"])

PROMPT_FMT = "%s Translate the following sentence into %s:\n\n%s%s"


def translate(sentence, language="French", max_tokens=200):
    prompt = PROMPT_FMT % (HUMAN_PROMPT, language, sentence, AI_PROMPT)
    resp = client.completion(
        prompt=prompt,
        model="claude-instant-v1",
        max_tokens_to_sample=max_tokens,
        temperature=0.0,
    )
    if resp["stop_reason"] == "max_tokens":
        raise ApiException("translation cut short (%d tokens)" % max_tokens)
    return resp["completion"].strip()


def main():
    jobs = [
        ("The library opens at nine.", "French", 200),
        ("Please close the window when you leave the room.", "German", 4),
    ]
    failures = 0
    for sentence, language, limit in jobs:
        try:
            print("%s: %s" % (language, translate(sentence, language, limit)))
        except ApiException as err:
            failures += 1
            print("error: %s" % err, file=sys.stdout)
    print("failures:", failures)


if __name__ == "__main__":
    main()
