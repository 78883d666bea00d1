import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

ROUTES = {}
client = Anthropic()
DEFAULT_SYSTEM = "You are the support bot of a bicycle shop."


def route(path):
    def register(fn):
        ROUTES[path] = fn
        return fn

    return register


def jsonify(status, **body):
    return status, json.dumps(body, sort_keys=True)


@route("/api/ask")
def ask_view(payload):
    question = (payload.get("question") or "").strip()
    if not question:
        return jsonify(400, error="question is required")
    max_tokens = int(payload.get("max_tokens", 120))
    system = payload.get("system", DEFAULT_SYSTEM)
    completion = client.completions.create(
        model="claude-instant-1.2",
        prompt=f"{system}{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        stop_sequences=[HUMAN_PROMPT],
    )
    return jsonify(
        200,
        answer=completion.completion.strip(),
        truncated=completion.stop_reason == "max_tokens",
    )


def dispatch(path, payload):
    view = ROUTES.get(path)
    if view is None:
        return 404, json.dumps({"error": "not found"})
    return view(payload)


for path, payload in [
    ("/api/ask", {"question": "Do you repair tyres?"}),
    ("/api/ask", {"question": "Opening hours?", "max_tokens": 3}),
    ("/api/ask", {"question": "Any discounts?", "system": ""}),
    ("/api/ask", {"question": "   "}),
    ("/api/other", {}),
]:
    status, body = dispatch(path, payload)
    print(status, body)
