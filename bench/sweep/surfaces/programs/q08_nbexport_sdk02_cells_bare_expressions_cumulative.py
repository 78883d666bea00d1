# migrator-fixture: sdk02
#!/usr/bin/env python
# coding: utf-8

# In[1]:


import os

import anthropic


# In[2]:


c = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])


# In[3]:


resp = c.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} How many moons does Mars have?{anthropic.AI_PROMPT}",
    stop_sequences=[anthropic.HUMAN_PROMPT],
    model="claude-v1",
    max_tokens_to_sample=100,
)
resp["completion"]


# In[4]:


print(resp["completion"])
print(resp["stop_reason"])


# In[5]:


# streaming: each response holds the whole text so far
last = ""
for data in c.completion_stream(
    prompt=f"{anthropic.HUMAN_PROMPT} Name the moons of Mars and describe them.{anthropic.AI_PROMPT}",
    stop_sequences=[anthropic.HUMAN_PROMPT],
    max_tokens_to_sample=200,
    model="claude-v1",
):
    print(data["completion"][len(last):], end="", flush=True)
    last = data["completion"]
print()


# In[6]:


len(last.split()), last[:30]
print(len(last.split()))
