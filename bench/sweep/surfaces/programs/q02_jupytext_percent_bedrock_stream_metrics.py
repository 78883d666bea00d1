# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# ## Streaming Claude on Bedrock
# Print tokens as they arrive, then report the invocation metrics of the last chunk.

# %%
import json

import boto3

brt = boto3.client(service_name="bedrock-runtime")

# %%
prompt = "\n\nHuman: Write two sentences about the history of the bicycle.\n\nAssistant:"
body = json.dumps({"prompt": prompt, "max_tokens_to_sample": 300, "temperature": 0.1, "top_p": 0.9})

# %%
response = brt.invoke_model_with_response_stream(modelId="anthropic.claude-v2", body=body)
stream = response.get("body")
metrics = None
pieces = 0
if stream:
    for event in stream:
        chunk = event.get("chunk")
        if chunk:
            payload = json.loads(chunk.get("bytes").decode())
            print(payload["completion"], end="")
            pieces += 1
            if "amazon-bedrock-invocationMetrics" in payload:
                metrics = payload["amazon-bedrock-invocationMetrics"]
print()

# %%
print("output tokens:", metrics["outputTokenCount"] if metrics else None)
print("chunks > 3:", pieces > 3)
