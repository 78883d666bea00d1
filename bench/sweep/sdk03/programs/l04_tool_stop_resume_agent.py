import re

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

CALL_END = "STOP"


class Agent:
    def __init__(self, client: Anthropic, model: str = "claude-2"):
        self.client = client
        self.model = model
        self.transcript = ""

    def step(self):
        return self.client.completions.create(
            model=self.model,
            prompt=self.transcript,
            max_tokens_to_sample=50,
            stop_sequences=[HUMAN_PROMPT, CALL_END],
        )

    def run(self, task, max_steps=3):
        self.transcript = f"{HUMAN_PROMPT} {task} Say stop to call the tool.{AI_PROMPT}"
        for step in range(max_steps):
            resp = self.step()
            self.transcript += resp.completion
            if resp.stop_reason == "stop_sequence" and resp.stop == CALL_END:
                words = re.findall(r"\w+", resp.completion)
                self.transcript += f"{CALL_END}{HUMAN_PROMPT} Tool output: {len(words)} words.{AI_PROMPT}"
                continue
            return step + 1, resp.completion.strip()
        return max_steps, None


agent = Agent(Anthropic())
print(agent.run("Count the apples."))
print(agent.transcript.count(HUMAN_PROMPT), agent.transcript.count(AI_PROMPT))
print(agent.run("Name one apple variety."))
