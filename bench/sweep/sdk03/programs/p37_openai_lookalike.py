import anthropic

anthropic_client = anthropic.Anthropic()


# OPENAI-BEGIN
def ask_openai(prompt):
    import openai

    openai_client = openai.OpenAI()
    response = openai_client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=prompt,
        max_tokens=100,
        temperature=0.5,
        stop=["\n\nHuman:"],
    )
    return response.choices[0].text
# OPENAI-END


def ask_claude(prompt):
    response = anthropic_client.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=100,
        temperature=0.5,
    )
    return response.completion


if __name__ == "__main__":
    print(ask_claude("Say something nice."))
