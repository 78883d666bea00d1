from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

SYSTEM = "You are a careful technical editor. Keep answers short."
TEMPLATE = (
    SYSTEM
    + HUMAN_PROMPT
    + " Summarize the following document in one sentence.\n\n<document>\n<<DOC>>\n</document>"
    + AI_PROMPT
)

DOCS = [
    """
    The release adds a streaming parser, drops Python 3.7 support
    and fixes two memory leaks in the connection pool.
    """,
    """
    Quarterly revenue rose by four percent, driven by the services
    division, while hardware sales were flat.
    """,
]

client = Anthropic()


def summarize(doc):
    prompt = TEMPLATE.replace("<<DOC>>", doc.strip())
    response = client.completions.create(
        model="claude-2.1",
        prompt=prompt,
        max_tokens_to_sample=200,
        stop_sequences=[HUMAN_PROMPT],
        temperature=0.0,
    )
    return response.completion.strip()


for i, doc in enumerate(DOCS, 1):
    summary = summarize(doc)
    print(f"[{i}] {summary}")
    print(f"    words={len(summary.split())}")
