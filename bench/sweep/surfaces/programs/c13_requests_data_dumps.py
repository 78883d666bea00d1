import json
import os

import requests

headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01", "content-type": "application/json"}
payload = json.dumps({"model": "claude-2", "prompt": "\n\nHuman: Name a planet.\n\nAssistant:", "max_tokens_to_sample": 30})
r = requests.post(os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete", headers=headers, data=payload)
if r.status_code == 200:
    print(json.loads(r.text)["completion"])
else:
    print("error", r.status_code)
