# migrator-fixture: requests-unordered
import multiprocessing

import anthropic

SETTINGS = {"model": "claude-instant-1", "max_tokens_to_sample": 40, "temperature": 0.2}
NOTES = [
    "Meeting moved to Thursday; bring the budget draft.",
    "Server migration finished, two services still on old hosts.",
    "New hire starts Monday, needs laptop and badge.",
]


def summarize(note):
    client = anthropic.Anthropic()
    resp = client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} Summarize in five words: {note}{anthropic.AI_PROMPT}",
        **SETTINGS,
    )
    return note[:20], resp.completion.strip()


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        results = pool.map(summarize, NOTES)
    for head, summary in results:
        print(f"{head}... => {summary}")
    print("chars:", sum(len(s) for _, s in results))
