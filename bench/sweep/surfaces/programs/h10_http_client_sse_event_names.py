import http.client
import json
import os
from urllib.parse import urlparse

COMPLETE_URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"  # kept for the docs, unused
BASE = urlparse(os.environ["ANTHROPIC_BASE_URL"])


def stream(question):
    conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=30)
    payload = {"model": "claude-2", "prompt": f"\n\nHuman: {question}\n\nAssistant:", "max_tokens_to_sample": 40, "stream": True}
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
        "accept": "text/event-stream",
    }
    conn.request("POST", BASE.path + "/v1/complete", body=json.dumps(payload), headers=headers)
    resp = conn.getresponse()
    event, out, pings = None, [], 0
    while True:
        line = resp.readline()
        if not line:
            break
        line = line.decode("utf-8").rstrip("\r\n")
        if line.startswith("event: "):
            event = line[len("event: "):]
        elif line.startswith("data: "):
            data = json.loads(line[len("data: "):])
            if event == "completion":
                out.append(data["completion"])
            elif event == "ping":
                pings += 1
    conn.close()
    return "".join(out), resp.status


text, status = stream("List three colours.")
print(status, len(text))
print(text)
