from pydantic import BaseModel, Field

import anthropic


class CompletionSettings(BaseModel):
    model: str = "claude-2"
    max_tokens_to_sample: int = 60
    temperature: float = 0.5
    stop_sequences: list[str] = Field(default_factory=lambda: [anthropic.HUMAN_PROMPT])


client = anthropic.Anthropic()


def ask(question, settings=None):
    settings = settings or CompletionSettings()
    resp = client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        **settings.model_dump(),
    )
    return resp.completion.strip()


print(ask("Why is the sky blue?"))
print(ask("Say stop, then keep going.", CompletionSettings(max_tokens_to_sample=30, stop_sequences=["STOP"])))
