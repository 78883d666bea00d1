import http.client
import json
import os
from urllib.parse import urlparse

base = urlparse(os.environ["ANTHROPIC_BASE_URL"])
conn = http.client.HTTPConnection(base.hostname, base.port)
body = json.dumps({"model": "claude-2", "prompt": "\n\nHuman: Say OK.\n\nAssistant:", "max_tokens_to_sample": 10})
conn.request(
    "POST",
    base.path + "/v1/complete",
    body,
    {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01", "content-type": "application/json"},
)
res = conn.getresponse()
print(res.status)
print(json.loads(res.read())["completion"])
