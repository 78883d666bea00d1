from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()


def messages_to_prompt(messages):
    system = ""
    prompt = ""
    for m in messages:
        if m["role"] == "system":
            system += m["content"]
        elif m["role"] == "user":
            prompt += f"{HUMAN_PROMPT} {m['content']}"
        else:
            prompt += f"{AI_PROMPT} {m['content']}"
    return system + prompt + AI_PROMPT


def chat_completion(messages, model="claude-instant-1", max_tokens=60):
    resp = client.completions.create(
        model=model,
        prompt=messages_to_prompt(messages),
        max_tokens_to_sample=max_tokens,
        stop_sequences=[HUMAN_PROMPT],
    )
    finish = "length" if resp.stop_reason == "max_tokens" else "stop"
    return {"role": "assistant", "content": resp.completion.strip(), "finish_reason": finish}


conversation = [
    {"role": "system", "content": "You are a travel agent."},
    {"role": "user", "content": "I want to visit Japan."},
    {"role": "assistant", "content": "Great choice."},
    {"role": "user", "content": "In spring."},
    {"role": "user", "content": "Where should I go?"},
]
reply = chat_completion(conversation)
print(reply)
conversation.append({"role": reply["role"], "content": reply["content"]})
conversation.append({"role": "user", "content": "And in autumn, in great detail?"})
print(chat_completion(conversation, max_tokens=2))
