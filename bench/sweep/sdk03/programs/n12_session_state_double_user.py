from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
state = {"prompt": "You are a patient cooking tutor.", "replies": []}


def user_says(message):
    state["prompt"] += f"{HUMAN_PROMPT} {message}"


def bot_turn(max_tokens=60):
    resp = client.completions.create(
        model="claude-2",
        prompt=state["prompt"] + AI_PROMPT,
        max_tokens_to_sample=max_tokens,
        stop_sequences=[HUMAN_PROMPT],
    )
    reply = resp.completion.strip()
    state["prompt"] += AI_PROMPT + " " + reply
    state["replies"].append(reply)
    return reply


user_says("I want to bake bread.")
user_says("I only have a frying pan.")
print(bot_turn())
user_says("What flour should I use?")
print(bot_turn(max_tokens=8))
print("human turns:", state["prompt"].count(HUMAN_PROMPT))
print("reply words:", [len(r.split()) for r in state["replies"]])
