import json
import os
import urllib.error
import urllib.request
from string import Template

API_URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
COMMANDS = {
    "/ask": Template("\n\nHuman: Answer the team's question: $text\n\nAssistant: "),
    "/tldr": Template("You write TL;DRs for a chat channel.\n\nHuman: TL;DR this: $text\n\nAssistant:"),
}


def call_claude(prompt, max_tokens=60):
    body = json.dumps(
        {"model": "claude-instant-1.2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "top_k": 40}
    ).encode()
    req = urllib.request.Request(
        API_URL,
        data=body,
        headers={
            "x-api-key": os.environ["ANTHROPIC_API_KEY"],
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.load(resp)["completion"].strip()
    except urllib.error.HTTPError as err:
        return f"error {err.code}"


def handle_command(payload):
    template = COMMANDS.get(payload["command"])
    if template is None:
        return {"response_type": "ephemeral", "text": f"Unknown command {payload['command']}"}
    answer = call_claude(template.substitute(text=payload["text"]))
    return {"response_type": "in_channel", "text": f"<@{payload['user']}> {answer}"}


for cmd in (
    {"command": "/ask", "text": "When is the next sprint demo?", "user": "U1"},
    {"command": "/tldr", "text": "We moved the deploy to Friday because QA found two bugs.", "user": "U2"},
    {"command": "/weather", "text": "Berlin", "user": "U3"},
):
    print(json.dumps(handle_command(cmd), sort_keys=True))
