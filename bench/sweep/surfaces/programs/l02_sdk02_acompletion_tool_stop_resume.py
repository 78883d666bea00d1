# migrator-fixture: sdk02
import asyncio
import os

import anthropic

TOOL_STOP = "STOP"
TOOLS = {"STOP": lambda: "[tool: 42]"}


async def run_agent(client, task, max_rounds=3):
    prompt = f"{anthropic.HUMAN_PROMPT} {task}{anthropic.AI_PROMPT}"
    transcript = []
    for round_no in range(1, max_rounds + 1):
        resp = await client.acompletion(
            prompt=prompt,
            model="claude-2",
            max_tokens_to_sample=80,
            stop_sequences=[anthropic.HUMAN_PROMPT, TOOL_STOP],
        )
        text = resp["completion"]
        transcript.append(text.strip())
        if resp["stop_reason"] == "stop_sequence" and resp.get("stop") == TOOL_STOP:
            prompt += text + TOOL_STOP + " " + TOOLS[TOOL_STOP]()
            continue
        break
    return round_no, transcript


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    for task in ("Count, then stop and call the tool.", "Say hello."):
        rounds, parts = await run_agent(client, task)
        print(rounds, len(parts))
        for part in parts:
            print("  -", part)


asyncio.run(main())
