import json

from anthropic import Anthropic

# prompts.json shipped with the app
PROMPTS_JSON = r"""
{
  "classify": {
    "template": "\n\nHuman: Classify the sentiment of this review as positive or negative.\n\nReview: {review}\n\nAssistant: Sentiment:",
    "max_tokens": 5
  },
  "reply": {
    "template": "You write polite customer replies.\n\nHuman: Write a one-line reply to: {review}\n\nAssistant:",
    "max_tokens": 40
  }
}
"""

PROMPTS = json.loads(PROMPTS_JSON)
client = Anthropic()


def run(task, **fields):
    spec = PROMPTS[task]
    prompt = spec["template"].format(**fields)
    response = client.completions.create(
        model="claude-instant-1",
        prompt=prompt,
        max_tokens_to_sample=spec["max_tokens"],
    )
    return response.completion


REVIEWS = ["The kettle boils fast and looks great.", "Broke after two days."]
for review in REVIEWS:
    label = run("classify", review=review)
    reply = run("reply", review=review)
    print(repr(label.strip()), "|", reply.strip())
    print("   lengths:", len(label), len(reply))
