import re

import anthropic

client = anthropic.Anthropic()

QUESTION_TMPL = """{human} Solve the problem. Think inside <thinking> tags, then give the final answer inside <answer> tags.

Problem: {problem}{ai} <thinking>"""


def solve(problem):
    prompt = QUESTION_TMPL.format(
        human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT, problem=problem
    )
    resp = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=300,
        stop_sequences=["</answer>"],
        top_k=5,
    )
    full = "<thinking>" + resp.completion
    answer = re.search(r"<answer>(.*)", full, re.S)
    thinking = re.search(r"<thinking>(.*?)(</thinking>|$)", full, re.S)
    return (answer.group(1).strip() if answer else full.strip()), thinking.group(1).strip()


for problem in ["A train travels 60 km in 40 minutes. What is its speed in km/h?", "What is 17 squared?"]:
    final, reasoning = solve(problem)
    print("answer:", final)
    print("reasoning words:", len(reasoning.split()))
