# migrator-fixture: requests-unordered
import asyncio
import logging
import sys

import anthropic

log = logging.getLogger("batch")
_handler = logging.StreamHandler(sys.stdout)
_handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log.addHandler(_handler)
log.setLevel(logging.INFO)


class BatchRunner:
    def __init__(self, model="claude-instant-1", max_tokens=15):
        self.client = anthropic.AsyncAnthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.results = {}

    async def _one(self, key, task):
        resp = await self.client.completions.create(
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            prompt=f"{anthropic.HUMAN_PROMPT} {task}{anthropic.AI_PROMPT}",
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        return key, resp

    async def run(self, tasks):
        pairs = await asyncio.gather(*(self._one(k, t) for k, t in tasks.items()))
        self.results = dict(pairs)

    def report(self):
        for key in sorted(self.results):
            resp = self.results[key]
            log.info("%s: %s", key, resp.completion.strip())
            if resp.stop_reason == "max_tokens":
                log.warning("%s was cut short", key)
        return sum(len(r.completion.split()) for r in self.results.values())


TASKS = {
    "greet": "Say hello in Dutch.",
    "count": "Count to five, then say stop and keep going.",
    "fact": "Give one fact about Mars.",
}
runner = BatchRunner()
asyncio.run(runner.run(TASKS))
print("total words:", runner.report())
