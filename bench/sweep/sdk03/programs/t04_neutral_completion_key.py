import anthropic

client = anthropic.Anthropic()


# OPENAI-BEGIN
class Record:
    def __init__(self, completion):
        self.completion = completion


def to_row(record):
    return {"completion": record.completion, "length": len(record.completion)}
# OPENAI-END


def run(q):
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=40,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    rec = Record(resp.completion)
    row = to_row(rec)
    print(row["completion"])
    print(rec.completion == row["completion"])


run("Hi")
