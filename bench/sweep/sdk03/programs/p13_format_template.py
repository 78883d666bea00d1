import anthropic

TEMPLATE = "\n\nHuman: Summarise the following text in {n} words:\n{text}\n\nAssistant:"

client = anthropic.Anthropic()
article = "Python is a programming language that lets you work quickly."
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=80,
    prompt=TEMPLATE.format(n=5, text=article),
)
print(response.completion)
