"""The assistant's settings, kept apart from the code that sends them."""

MODEL = "claude-2.1"
PARAMS = {"max_tokens_to_sample": 200, "stop_sequences": ["\n\nHuman:", "</answer>"]}
