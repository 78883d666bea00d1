"""Installed into ``.venvs/sdk02`` by ``scripts/setup.sh``: the pre-0.3 SDK reads ``ANTHROPIC_BASE_URL``.

``anthropic`` 0.2 has no such variable: its ``Client(api_key, api_url=...)``
defaults to the real API. Every later SDK reads ``ANTHROPIC_BASE_URL``, and
the differential tests point programs at the fake API with it, so in that
environment a ``Client`` built without ``api_url`` takes the variable instead,
read when the client is built. The trailing slash keeps the path of the URL
(``/_run/<tag>``): the 0.2 SDK joins paths with ``urllib.parse.urljoin``.
Nothing else of the SDK changes.
"""

import functools
import os


def _install() -> None:
    try:
        import anthropic.api as api
    except ImportError:  # the SDK is not installed (yet)
        return
    original = api.Client.__init__

    @functools.wraps(original)
    def __init__(self, api_key, api_url=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        if api_url is None:
            base = os.environ.get("ANTHROPIC_BASE_URL")
            api_url = base.rstrip("/") + "/" if base else "https://api.anthropic.com"
        original(self, api_key, api_url, *args, **kwargs)

    api.Client.__init__ = __init__


_install()
