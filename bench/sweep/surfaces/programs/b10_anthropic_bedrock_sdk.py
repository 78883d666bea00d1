from anthropic import AI_PROMPT, HUMAN_PROMPT, AnthropicBedrock

client = AnthropicBedrock(aws_region="us-east-1")
completion = client.completions.create(
    model="anthropic.claude-v2",
    max_tokens_to_sample=100,
    prompt=f"{HUMAN_PROMPT} Tell me a joke about bees.{AI_PROMPT}",
)
print(completion.completion)
