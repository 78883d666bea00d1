import statistics

import anthropic

MODELS = ["claude-instant-1", "claude-2"]
BUDGETS = [8, 64]
DATASET = [
    "Explain photosynthesis to a child.",
    "List three uses of copper.",
    "Count slowly and then stop.",
]

client = anthropic.Anthropic()


def run_case(model, budget, question):
    prompt = anthropic.HUMAN_PROMPT + " " + question + anthropic.AI_PROMPT
    resp = client.completions.create(
        prompt=prompt,
        model=model,
        max_tokens_to_sample=budget,
        stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"],
    )
    return {
        "words": len(resp.completion.split()),
        "cut": resp.stop_reason == "max_tokens",
        "stopped": resp.stop_reason == "stop_sequence",
    }


report = {}
for model in MODELS:
    for budget in BUDGETS:
        cases = [run_case(model, budget, q) for q in DATASET]
        report[(model, budget)] = (
            statistics.mean(c["words"] for c in cases),
            sum(c["cut"] for c in cases),
            sum(c["stopped"] for c in cases),
        )

for (model, budget), (mean_words, cut, stopped) in report.items():
    print(f"{model:18s} budget={budget:3d} mean_words={mean_words:5.1f} cut={cut} stopped={stopped}")
