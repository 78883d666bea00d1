import json
from types import SimpleNamespace

import anthropic

settings = SimpleNamespace(
    DEBUG=False,
    CLAUDE={
        "model": "claude-2",
        "max_tokens_to_sample": 60,
        "temperature": 0.0,
        "stop_sequences": [anthropic.HUMAN_PROMPT],
    },
    FAQ_SYSTEM="You answer questions about our library's opening hours.",
)


class JsonResponse:
    def __init__(self, data, status=200):
        self.status = status
        self.content = json.dumps(data, sort_keys=True)


class View:
    http_method_names = ("get", "post")

    def dispatch(self, method, request):
        if method not in self.http_method_names:
            return JsonResponse({"error": "method not allowed"}, status=405)
        return getattr(self, method)(request)


class AskView(View):
    client = anthropic.Anthropic()

    def get(self, request):
        return JsonResponse({"model": settings.CLAUDE["model"]})

    def post(self, request):
        question = request.get("q", "").strip()
        if not question:
            return JsonResponse({"error": "empty question"}, status=400)
        prompt = f"{anthropic.HUMAN_PROMPT} {settings.FAQ_SYSTEM}\n\n{question}{anthropic.AI_PROMPT}"
        resp = self.client.completions.create(prompt=prompt, **settings.CLAUDE)
        return JsonResponse(
            {
                "answer": resp.completion.strip(),
                "complete": resp.stop_reason != "max_tokens",
            }
        )


view = AskView()
for method, request in [
    ("post", {"q": "Are you open on Sunday?"}),
    ("post", {"q": "Explain every late fee in detail, with examples for each kind of item you lend out."}),
    ("post", {"q": ""}),
    ("get", {}),
    ("delete", {}),
]:
    r = view.dispatch(method, request)
    print(r.status, r.content)
