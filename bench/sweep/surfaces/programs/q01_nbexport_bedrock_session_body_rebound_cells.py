#!/usr/bin/env python
# coding: utf-8

# # Summarising support tickets with Claude on Amazon Bedrock
#
# Exported from `bedrock_claude_summaries.ipynb`.

# In[1]:


import json

import boto3


# In[2]:


session = boto3.Session(region_name="us-east-1")
bedrock = session.client("bedrock-runtime")
model_id = "anthropic.claude-instant-v1"


# In[3]:


tickets = [
    "My order #4411 arrived with a cracked screen and I want a replacement.",
    "I was charged twice for the same subscription this month.",
]
prompt_template = "\n\nHuman: Summarise this support ticket in one sentence:\n{ticket}\n\nAssistant:"


# In[4]:


summaries = []
for ticket in tickets:
    body = json.dumps({"prompt": prompt_template.format(ticket=ticket), "max_tokens_to_sample": 200, "temperature": 0})
    response = bedrock.invoke_model(body=body, modelId=model_id)
    response_body = json.loads(response["body"].read())
    summaries.append(response_body["completion"].strip())
summaries


# In[5]:


for s in summaries:
    print("-", s)


# In[6]:


# Now the same thing with a stop sequence and a smaller budget
body = json.dumps({"prompt": "\n\nHuman: Say stop after counting.\n\nAssistant:", "max_tokens_to_sample": 50, "stop_sequences": ["\n\nHuman:", "STOP"]})
response = bedrock.invoke_model(body=body, modelId=model_id)
response_body = json.loads(response["body"].read())
response_body["stop_reason"]


# In[7]:


print(response_body["stop_reason"], repr(response_body["completion"]))
