# migrator-fixture: sdk02
import asyncio
import os

import anthropic


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    response = await client.acompletion(
        prompt=f"{anthropic.HUMAN_PROMPT} How many legs does a spider have?{anthropic.AI_PROMPT}",
        stop_sequences=[anthropic.HUMAN_PROMPT],
        model="claude-v1",
        max_tokens_to_sample=50,
    )
    print(response["completion"])


asyncio.run(main())
