#!/usr/bin/env python
# coding: utf-8

# # Prompt engineering walkthrough
# Exported from prompting_101.ipynb

# In[1]:


# get_ipython().system('pip install anthropic')


# In[2]:


import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
MODEL_NAME = "claude-2"


# In[3]:


def get_completion(prompt: str, system_prompt=""):
    response = client.completions.create(
        prompt=f"{system_prompt}{HUMAN_PROMPT} {prompt}{AI_PROMPT}",
        model=MODEL_NAME,
        max_tokens_to_sample=2000,
        temperature=0.0,
    )
    return response.completion


# In[4]:


PROMPT = "Hi Claude, how are you?"

print(get_completion(PROMPT))


# In[5]:


SYSTEM_PROMPT = "Your answer should always be a series of critical thinking questions."

PROMPT = "Why is the sky blue?"

print(get_completion(PROMPT, SYSTEM_PROMPT))


# In[6]:


# Exercise 1.1 - Counting to Three
PROMPT = "Count to three and then say stop."

response = get_completion(PROMPT)


def grade_exercise(text):
    return bool(__import__("re").search("three", text))


print(response)
print("\n--------------------------- GRADING ---------------------------")
print("This exercise has been correctly solved:", grade_exercise(response))
