import anthropic

PRIMARY = "anthropic"


# OPENAI-BEGIN
def ask_openai(client, question):
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt="Q: " + question + "\nA:",
        max_tokens=40,
        stop=["\n\nHuman"],
    )
    return completion.choices[0].text
# OPENAI-END


def ask_claude(client, question):
    completion = client.completions.create(
        model="claude-2",
        prompt="\n\nHuman:" + question + "\n\nAssistant: ",
        max_tokens_to_sample=40,
        stop_sequences=["\n\nHuman", "STOP"],
    )
    return completion.completion


def ask(question, provider=PRIMARY):
    if provider == "anthropic":
        client = anthropic.Anthropic()
        try:
            return ask_claude(client, question)
        except anthropic.APIStatusError as err:
            print("claude failed:", err.status_code)
    # OPENAI-BEGIN
    import openai

    client = openai.OpenAI()
    return ask_openai(client, question)
    # OPENAI-END


for q in ["Why is the sky blue?", "Count sheep and stop."]:
    ans = ask(q)
    print(len(ans.split()), ans.strip())
