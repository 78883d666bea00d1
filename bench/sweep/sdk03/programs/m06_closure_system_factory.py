from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()


def make_agent(persona, temperature=0.5, max_tokens=120):
    preamble = f"You are {persona}. Stay in character."

    def ask(question):
        prompt = f"{preamble}{HUMAN_PROMPT} {question}{AI_PROMPT}"
        resp = client.completions.create(
            model="claude-2",
            prompt=prompt,
            max_tokens_to_sample=max_tokens,
            temperature=temperature,
        )
        return resp.completion.strip()

    return ask


pirate = make_agent("a pirate captain", temperature=0.9)
librarian = make_agent("a quiet librarian", max_tokens=30)
for agent_name, agent in [("pirate", pirate), ("librarian", librarian)]:
    answer = agent("What should I read next?")
    print(agent_name, "->", answer)
    print(agent_name, "chars", len(answer))
