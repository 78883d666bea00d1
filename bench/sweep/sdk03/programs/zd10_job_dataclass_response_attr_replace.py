from dataclasses import dataclass, field, replace
from typing import Any

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

BASE_STOPS = [HUMAN_PROMPT]


@dataclass
class Job:
    name: str
    text: str
    max_tokens: int = 40
    extra_stops: list = field(default_factory=list)
    response: Any = None

    @property
    def prompt(self):
        return f"{HUMAN_PROMPT}Classify the sentiment of: {self.text}{AI_PROMPT}"


def run_batch(client, jobs):
    for job in jobs:
        job.response = client.completions.create(
            model="claude-instant-1",
            prompt=job.prompt,
            max_tokens_to_sample=job.max_tokens,
            stop_sequences=BASE_STOPS + job.extra_stops,
        )
    return jobs


jobs = [Job("a", "I love it"), Job("b", "Terrible service, stop now", extra_stops=["STOP"])]
jobs.append(replace(jobs[0], name="a-short", max_tokens=2))
for job in run_batch(Anthropic(), jobs):
    r = job.response
    print(f"{job.name}: {r.completion.strip()!r} truncated={r.stop_reason == 'max_tokens'}")
