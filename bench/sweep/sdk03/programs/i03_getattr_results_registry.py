import anthropic

RESULTS = {}


def run_job(client, name, question):
    RESULTS[name] = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=50,
        prompt=anthropic.HUMAN_PROMPT + " " + question + anthropic.AI_PROMPT,
        stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"],
    )


def text_of(name):
    return getattr(RESULTS[name], "completion", "").strip()


def finished(name):
    return getattr(RESULTS[name], "stop_reason", None) == "stop_sequence"


def report():
    for name in sorted(RESULTS):
        flag = "done" if finished(name) else "cut"
        print(f"{name:6s} {flag:4s} {len(text_of(name))} {text_of(name)}")


c = anthropic.Anthropic()
run_job(c, "alpha", "Describe a comet.")
run_job(c, "beta", "Count to five then stop.")
report()
