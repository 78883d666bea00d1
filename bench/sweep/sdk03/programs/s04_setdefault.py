import anthropic

client = anthropic.Anthropic()


def call(prompt, **options):
    options.setdefault("model", "claude-instant-1")
    options.setdefault("max_tokens_to_sample", 64)
    options["prompt"] = f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}"
    return client.completions.create(**options).completion


print(call("What is wind?"))
print(call("What is snow?", max_tokens_to_sample=3))
