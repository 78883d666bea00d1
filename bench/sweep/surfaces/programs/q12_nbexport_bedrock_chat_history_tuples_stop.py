#!/usr/bin/env python
# coding: utf-8

# # A tiny chat loop on Bedrock
# The history is a list of (user, assistant) pairs.

# In[1]:


import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


# In[2]:


def build_prompt(history, user_input):
    convo = "".join(f"\n\nHuman: {u}\n\nAssistant: {a}" for u, a in history)
    return convo + f"\n\nHuman: {user_input}\n\nAssistant:"


def chat(history, user_input):
    body = json.dumps(
        {
            "prompt": build_prompt(history, user_input),
            "max_tokens_to_sample": 120,
            "temperature": 0.7,
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2:1", accept="application/json", contentType="application/json")
    reply = json.loads(response.get("body").read()).get("completion").strip()
    history.append((user_input, reply))
    return reply


# In[3]:


history = []
for turn in ["Hi! I'm planning a trip to Norway.", "What should I pack?", "And which month is best?"]:
    print("User:", turn)
    print("Claude:", chat(history, turn))
print(len(history), sum(len(a) for _, a in history) > 0)
