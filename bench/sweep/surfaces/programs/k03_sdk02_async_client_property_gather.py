# migrator-fixture: sdk02
import asyncio
import os

import anthropic


def _text(result):
    return result["completion"].strip()


class Translator:
    _client = None

    @property
    def client(self):
        if self._client is None:
            self._client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
        return self._client

    async def translate(self, text, lang):
        prompt = f"{anthropic.HUMAN_PROMPT} Translate into {lang}: {text}{anthropic.AI_PROMPT}"
        result = await self.client.acompletion(
            prompt=prompt, model="claude-instant-1", max_tokens_to_sample=50
        )
        return _text(result)

    async def translate_stream(self, text, lang):
        final = None
        async for data in await self.client.acompletion_stream(
            prompt=f"{anthropic.HUMAN_PROMPT} Translate into {lang}: {text}{anthropic.AI_PROMPT}",
            model="claude-instant-1",
            max_tokens_to_sample=50,
        ):
            final = data
        return final["completion"].strip()


async def main():
    t = Translator()
    outs = await asyncio.gather(*(t.translate("Good night", lang) for lang in ["French", "German"]))
    print(outs)
    print(await t.translate_stream("Thank you", "Spanish"))


asyncio.run(main())
