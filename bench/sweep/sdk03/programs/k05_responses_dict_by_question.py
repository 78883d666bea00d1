import anthropic

client = anthropic.Anthropic()
QUESTIONS = ["What is basalt?", "What is granite?", "What is basalt?"]

responses = {}
for question in QUESTIONS:
    if question in responses:
        continue
    responses[question] = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=25,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )

for question, response in responses.items():
    print(question, "=>", response.completion.strip())
print(len(responses))
