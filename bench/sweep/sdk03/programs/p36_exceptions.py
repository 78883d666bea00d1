import anthropic

client = anthropic.Anthropic(max_retries=0)


def safe_ask(model):
    try:
        r = client.completions.create(
            model=model,
            max_tokens_to_sample=20,
            prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
        )
        return r.completion
    except anthropic.NotFoundError as e:
        return f"not found ({e.status_code})"
    except anthropic.APIStatusError as e:
        return f"status error {e.status_code}"
    except anthropic.APIError as e:
        return f"api error {type(e).__name__}"


print(safe_ask("claude-2"))
print(safe_ask("claude-unknown-model"))
