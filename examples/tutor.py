"""A maths tutor that remembers one scripted exchange."""

import anthropic


class Tutor:
    def __init__(self):
        self.client = anthropic.Client()

    def answer(self, question):
        result = self.client.completions.create(
            model="claude-v1.3",
            max_tokens_to_sample=120,
            stop_sequences=["\n\nHuman:", "STOP"],
            prompt=(
                "\n\nHuman: You are a patient maths tutor. Say STOP when you finish a proof."
                "\n\nAssistant: Understood. I will keep it short."
                f"\n\nHuman: {question}"
                "\n\nAssistant:"
            ),
        )
        return result.completion, result.stop


if __name__ == "__main__":
    text, stop = Tutor().answer("Why is the square root of two irrational? Say STOP at the end.")
    print(text)
    print("stopped at:", stop)
