import http.client
import json
import os
from urllib.parse import urlsplit


class RawClaude:
    def __init__(self, base_url, api_key):
        parts = urlsplit(base_url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        self.prefix = parts.path.rstrip("/")
        self.headers = {
            "Content-Type": "application/json",
            "X-API-Key": api_key,
            "Anthropic-Version": "2023-06-01",
        }

    def complete(self, prompt, stop=(), max_tokens=100):
        body = json.dumps(
            {
                "model": "claude-instant-1",
                "prompt": prompt,
                "max_tokens_to_sample": max_tokens,
                "stop_sequences": list(stop),
            }
        )
        self.conn.request("POST", self.prefix + "/v1/complete", body=body, headers=self.headers)
        resp = self.conn.getresponse()
        payload = json.loads(resp.read())
        if resp.status != 200:
            raise RuntimeError(payload["error"]["message"])
        return payload

    def close(self):
        self.conn.close()


claude = RawClaude(os.environ["ANTHROPIC_BASE_URL"], os.environ["ANTHROPIC_API_KEY"])
try:
    for q, stops in (
        ("Please count, and stop when told.", ["STOP", "\n\nHuman:"]),
        ("Describe a harbour.", ["\n\nHuman:"]),
    ):
        out = claude.complete(f"\n\nHuman: {q}\n\nAssistant:", stop=stops)
        print(repr(out["completion"].strip()), out["stop_reason"], repr(out.get("stop")))
finally:
    claude.close()
