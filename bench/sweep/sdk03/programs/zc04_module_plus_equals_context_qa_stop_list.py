import anthropic

client = anthropic.Anthropic()

context = """The Eiffel Tower was completed in 1889 for the World's Fair.
It is 330 metres tall and was the tallest structure in the world until 1930."""
questions = ["When was the tower completed?", "How tall is it?"]

prompt = anthropic.HUMAN_PROMPT
prompt += " Answer the questions using only the context.\n\n"
prompt += "Context:\n" + context + "\n\n"
for i, q in enumerate(questions, 1):
    prompt += f"Q{i}: {q}\n"
prompt += "\nAnswer each on its own line, prefixed with A1, A2."
prompt += anthropic.AI_PROMPT

STOP = [anthropic.HUMAN_PROMPT, "\nQ3:"]

resp = client.completions.create(
    model="claude-instant-1.2",
    prompt=prompt,
    max_tokens_to_sample=150,
    temperature=0,
    stop_sequences=STOP,
)
lines = [line for line in resp.completion.strip().splitlines() if line.strip()]
answers = {f"Q{i}": line for i, line in enumerate(lines, 1)}
print(answers)
print("stopped:", resp.stop_reason == "stop_sequence")
