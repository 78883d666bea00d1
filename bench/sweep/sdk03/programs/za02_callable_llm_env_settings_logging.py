import logging
import os
import sys

import anthropic

logging.basicConfig(stream=sys.stdout, level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
logger = logging.getLogger("llm.anthropic")
logger.setLevel(logging.INFO)


class Settings:
    """Process-wide LLM settings, overridable from the environment."""

    def __init__(self):
        self.model = os.getenv("LLM_MODEL", "claude-instant-1.2")
        self.max_tokens = int(os.getenv("LLM_MAX_TOKENS", "80"))
        self.temperature = float(os.getenv("LLM_TEMPERATURE", "0.3"))
        self.timeout = float(os.getenv("LLM_TIMEOUT", "30"))


settings = Settings()


class ClaudeLLM:
    def __init__(self, settings, client=None):
        self.settings = settings
        self.client = client or anthropic.Anthropic(timeout=settings.timeout, max_retries=1)

    def __call__(self, prompt, **kwargs):
        kwargs.setdefault("temperature", self.settings.temperature)
        max_tokens = kwargs.pop("max_tokens", self.settings.max_tokens)
        logger.info("request model=%s max_tokens=%d", self.settings.model, max_tokens)
        resp = self.client.completions.create(
            model=self.settings.model,
            prompt=anthropic.HUMAN_PROMPT + " " + prompt + anthropic.AI_PROMPT,
            max_tokens_to_sample=max_tokens,
            **kwargs,
        )
        logger.info("answer (%s): %s", resp.stop_reason, resp.completion.strip())
        if resp.stop_reason == "max_tokens":
            logger.warning("answer truncated at %d tokens", max_tokens)
        return resp.completion.strip()


llm = ClaudeLLM(settings)
llm("List three prime numbers.")
llm("Write an essay about the history of bread.", max_tokens=6)
answer = llm("Say hello, then stop.", stop_sequences=["STOP"], temperature=0.0)
print(len(answer.split()))
