import anthropic

CONTEXT_WINDOW = 400  # tokens, deliberately small for the demo
RESERVED_FOR_ANSWER = 60
SYSTEM = "You are a patient maths tutor. Keep answers short."


def estimate_tokens(text: str) -> int:
    # ~4 characters per token; good enough without a tokenizer
    return max(1, len(text) // 4)


class Conversation:
    def __init__(self, client, model="claude-instant-1", max_answer=RESERVED_FOR_ANSWER):
        self.client = client
        self.model = model
        self.max_answer = max_answer
        self.turns = []  # (question, answer) pairs

    def _fit(self, question):
        budget = CONTEXT_WINDOW - self.max_answer - estimate_tokens(SYSTEM + question)
        kept = []
        for q, a in reversed(self.turns):
            cost = estimate_tokens(q) + estimate_tokens(a) + 6
            if cost > budget:
                break
            kept.insert(0, (q, a))
            budget -= cost
        return kept, budget

    def to_prompt(self, question):
        kept, _ = self._fit(question)
        prompt = SYSTEM
        for q, a in kept:
            prompt += f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT} {a}"
        prompt += f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
        return prompt, len(kept)

    def ask(self, question):
        prompt, kept = self.to_prompt(question)
        room = CONTEXT_WINDOW - estimate_tokens(prompt)
        completion = self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=min(self.max_answer, room),
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        answer = completion.completion.strip()
        self.turns.append((question, answer))
        return answer, kept, completion.stop_reason


chat = Conversation(anthropic.Anthropic())
questions = [
    "What is 12 times 12? " + "Please explain the method step by step. " * 6,
    "And 13 times 13?",
    "Now add the two results together, " + "carefully, " * 20 + "please.",
    "Was the last one bigger than 300?",
]
for question in questions:
    answer, kept, reason = chat.ask(question)
    print(f"kept={kept} reason={reason} tokens~{estimate_tokens(answer)}: {answer[:60]}")
