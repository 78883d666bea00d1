import json
from string import Template

import anthropic

EXTRACT = Template(
    "You extract structured data from receipts. Reply with JSON only."
    "\n\nHuman: Receipt:\n$receipt\n\nReturn the fields $fields."
    "\n\nAssistant: {"
)

RECEIPTS = {
    "cafe": "2 x espresso 3.20\n1 x croissant 2.10\nTOTAL 8.50",
    "hardware": "hammer 12.99\nnails (box) 4.50\nTOTAL 17.49",
}

client = anthropic.Anthropic()


def extract(receipt, fields=("total", "items")):
    prompt = EXTRACT.substitute(receipt=receipt, fields=", ".join(fields))
    res = client.completions.create(
        model="claude-instant-1.2",
        prompt=prompt,
        max_tokens_to_sample=150,
        stop_sequences=["\n\nHuman:"],
        temperature=0,
    )
    return json.loads("{" + res.completion)


for name, receipt in RECEIPTS.items():
    data = extract(receipt)
    print(name, sorted(data), len(json.dumps(data)))
print(sorted(extract(RECEIPTS["cafe"], fields=("total",)).values())[0][:30])
