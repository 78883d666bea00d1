# migrator-fixture: requests-unordered
import asyncio

import anthropic

TOOL_CALL = "STOP"
TOOLS = {"len": lambda s: str(len(s)), "upper": lambda s: s.upper()}


class AsyncToolAgent:
    def __init__(self, client, tool, model="claude-2"):
        self.client = client
        self.tool = tool
        self.model = model

    async def run(self, task, max_steps=3):
        prompt = (
            f"{anthropic.HUMAN_PROMPT} You can call the tool `{self.tool}` by writing stop."
            f"\n\nTask: {task}{anthropic.AI_PROMPT}"
        )
        observations = []
        for step in range(1, max_steps + 1):
            resp = await self.client.completions.create(
                model=self.model,
                prompt=prompt,
                max_tokens_to_sample=80,
                stop_sequences=[anthropic.HUMAN_PROMPT, TOOL_CALL],
            )
            prompt += resp.completion
            if resp.stop != TOOL_CALL:
                return {"steps": step, "answer": resp.completion.strip(), "obs": observations}
            result = TOOLS[self.tool](resp.completion.strip())
            observations.append(result)
            prompt += f"{TOOL_CALL}{anthropic.HUMAN_PROMPT} Tool result: {result}{anthropic.AI_PROMPT}"
        return {"steps": max_steps, "answer": None, "obs": observations}


async def main():
    client = anthropic.AsyncAnthropic()
    jobs = {"measure": ("len", "Measure the word banana."), "shout": ("upper", "Say hello loudly.")}
    agents = {name: AsyncToolAgent(client, tool) for name, (tool, _) in jobs.items()}
    outcomes = await asyncio.gather(*(agents[n].run(task) for n, (_, task) in jobs.items()))
    results = dict(zip(jobs, outcomes))
    for name, out in results.items():
        print(name, out["steps"], out["obs"], (out["answer"] or "<none>")[:60])


asyncio.run(main())
