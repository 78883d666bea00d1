import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

BACKEND = "anthropic"


class ClaudeLLM:
    def __init__(self, model="claude-2", max_tokens=200, stop=(HUMAN_PROMPT, "\n\nObservation:")):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.stop = stop

    def __call__(self, prompt: str) -> str:
        response = self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=self.stop,
        )
        return response.completion


# OPENAI-BEGIN
class OpenAILLM:
    def __init__(self, model="gpt-3.5-turbo-instruct", max_tokens=200, stop=("\n\nObservation:",)):
        import openai

        self.client = openai.OpenAI()
        self.model = model
        self.max_tokens = max_tokens
        self.stop = list(stop)

    def __call__(self, prompt: str) -> str:
        response = self.client.completions.create(
            model=self.model, prompt=prompt, max_tokens=self.max_tokens, stop=self.stop
        )
        return response.choices[0].text
# OPENAI-END


llm = ClaudeLLM(max_tokens=50) if BACKEND == "anthropic" else OpenAILLM(max_tokens=50)
print(llm(f"{HUMAN_PROMPT} What is 2 + 2?{AI_PROMPT}").strip())
counter = ClaudeLLM(model="claude-instant-1", stop=("STOP",))
print(counter(f"{HUMAN_PROMPT} Count, then say STOP.{AI_PROMPT} Thought:").strip())
