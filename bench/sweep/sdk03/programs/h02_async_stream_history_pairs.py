import asyncio

import anthropic

TURNS = ["Hi, who are you?", "Name a planet.", "Now count and then stop."]


def build_prompt(history, message):
    prompt = ""
    for user, assistant in history:
        prompt += f"{anthropic.HUMAN_PROMPT} {user}{anthropic.AI_PROMPT} {assistant}"
    prompt += f"{anthropic.HUMAN_PROMPT} {message}{anthropic.AI_PROMPT}"
    return prompt


async def chat():
    client = anthropic.AsyncAnthropic()
    history = []
    for message in TURNS:
        reply, finished = "", False
        async for event in await client.completions.create(
            model="claude-2",
            prompt=build_prompt(history, message),
            max_tokens_to_sample=40,
            stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"],
            stream=True,
        ):
            reply += event.completion
            if event.stop_reason is not None:
                finished = event.stop_reason == "stop_sequence"
        history.append((message, reply.strip()))
        print(f"> {message}")
        print(f"< {reply.strip()} ({'finished' if finished else 'cut'})")
    return history


history = asyncio.run(chat())
print(len(history), sum(len(a) for _, a in history) > 0)
