from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


class ToolAgent:
    model = "claude-2"
    max_tokens = 60
    stops = [HUMAN_PROMPT, "STOP"]

    def __init__(self, client):
        self.client = client
        self.parts = []

    def tool(self, text):
        return f"tool saw {len(text.split())} words"

    def run(self, task, max_rounds=3):
        self.parts = [f"{HUMAN_PROMPT} {task} Say stop when you need the tool.{AI_PROMPT}"]
        for rounds in range(1, max_rounds + 1):
            resp = self.client.completions.create(
                model=self.model,
                prompt="".join(self.parts),
                max_tokens_to_sample=self.max_tokens,
                stop_sequences=self.stops,
            )
            self.parts.append(resp.completion)
            if resp.stop_reason != "stop_sequence" or resp.stop != "STOP":
                return rounds
            result = self.tool(resp.completion)
            self.parts.append(f"STOP{HUMAN_PROMPT} Tool result: {result}. Continue.{AI_PROMPT}")
        return max_rounds


class QuickAgent(ToolAgent):
    max_tokens = 12


for cls in (ToolAgent, QuickAgent):
    agent = cls(Anthropic())
    n = agent.run("Count some sheep.")
    print(cls.__name__, n, len(agent.parts))
    print("  last:", agent.parts[-1].strip())
