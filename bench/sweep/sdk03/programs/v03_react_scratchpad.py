import anthropic

client = anthropic.Anthropic()

REACT_TEMPLATE = (
    "{human} Answer the question step by step, and stop when you need a tool.\n"
    "Question: {question}{ai} Thought:"
)


def lookup(arg):
    return f"'{arg}' looked up"


def agent(question, max_steps=3):
    base = REACT_TEMPLATE.format(
        human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT, question=question
    )
    scratchpad = ""
    steps = 0
    for steps in range(1, max_steps + 1):
        resp = client.completions.create(
            model="claude-2",
            prompt=base + scratchpad,
            max_tokens_to_sample=40,
            stop_sequences=["STOP", anthropic.HUMAN_PROMPT],
        )
        scratchpad += resp.completion
        if resp.stop_reason == "stop_sequence" and resp.stop == "STOP":
            scratchpad += "Observation: " + lookup(question) + "\nThought:"
        else:
            break
    return steps, scratchpad


n, pad = agent("How many moons has Mars?")
print(n)
print(pad)
