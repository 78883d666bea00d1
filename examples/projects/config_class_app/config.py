"""The assistant's configuration: a class of constants and a settings dataclass."""

from dataclasses import dataclass


class Config:
    MODEL = "claude-2.1"
    MAX_TOKENS = 200


@dataclass
class Settings:
    summary_model: str = "claude-instant-1.2"
    summary_words: int = 30


settings = Settings(summary_words=20)
