import anthropic

client = anthropic.Anthropic()
TOOL_MARK = "STOP"


def stream_step(prompt):
    """Stream one step; return the text and how it ended."""
    text, reason, matched = "", None, None
    stream = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=120,
        stop_sequences=[TOOL_MARK],
        stream=True,
    )
    for event in stream:
        text += event.completion
        if event.stop_reason is not None:
            reason, matched = event.stop_reason, event.stop
    return text, reason, matched


def solve(task):
    prompt = f"{anthropic.HUMAN_PROMPT} {task} (Say stop to ask for a calculator.){anthropic.AI_PROMPT}"
    trace = []
    for _ in range(3):
        text, reason, matched = stream_step(prompt)
        trace.append("tool" if matched == TOOL_MARK else reason)
        if matched != TOOL_MARK:
            return text.strip(), trace
        prompt += text + f"{TOOL_MARK}{anthropic.HUMAN_PROMPT} Calculator says 42.{anthropic.AI_PROMPT}"
    return None, trace


answer, trace = solve("Multiply six by seven.")
print(answer)
print(len(trace), trace[0])
