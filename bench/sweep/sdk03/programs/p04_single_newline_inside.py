from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
dialog = "Human: hi there\nAssistant: hello\nHuman: bye"
prompt = f"{HUMAN_PROMPT} Here is a chat log:\n{dialog}\nSummarise it in one line.{AI_PROMPT}"
out = client.completions.create(model="claude-2", max_tokens_to_sample=100, prompt=prompt)
print(out.completion)
