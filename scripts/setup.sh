#!/usr/bin/env bash
# Install migrator for development, the two SDK environments the differential
# tests run programs in, then run the migrator on the bundled examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}

quiet_pip() { "$1" -m pip install --quiet --disable-pip-version-check "${@:2}"; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
# The distribution used to be called `migrator`; a .venv made then still lists it beside the new
# one, and so does the metadata its editable install left in the checkout.
.venv/bin/python -m pip uninstall --quiet --yes migrator 2>/dev/null || true
rm -rf migrator.egg-info
quiet_pip .venv/bin/python -e '.[dev]'

# The last SDK with Text Completions, and the current one (no completions at all).
# Both get requests, httpx and aiohttp for the raw HTTP programs (the current SDK is
# built on httpx2 and does not bring httpx), boto3 for the Bedrock programs, and pytest
# with pytest-mock, responses and respx for the example projects' own test suites
# (examples/projects/).
[ -x .venvs/legacy/bin/python ] || "$python" -m venv .venvs/legacy
quiet_pip .venvs/legacy/bin/python 'anthropic==0.125.0' requests httpx boto3 aiohttp pytest pytest-mock responses respx
[ -x .venvs/current/bin/python ] || "$python" -m venv .venvs/current
quiet_pip .venvs/current/bin/python 'anthropic>=1.0,<3' requests httpx boto3 aiohttp pytest pytest-mock responses respx
# The pre-0.3 SDK (Client(key).completion(...), dict responses, cumulative
# streams). It has no ANTHROPIC_BASE_URL: a .pth hook makes it read the
# variable, so the differential tests can point it at the fake API.
[ -x .venvs/sdk02/bin/python ] || "$python" -m venv .venvs/sdk02
quiet_pip .venvs/sdk02/bin/python 'anthropic==0.2.10'
sdk02_site=$(.venvs/sdk02/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
cp tests/sdk02_base_url.py "$sdk02_site/_migrator_sdk02_base_url.py"
echo 'import _migrator_sdk02_base_url' >"$sdk02_site/_migrator_sdk02_base_url.pth"

echo "Installed: $(.venv/bin/migrator --version); SDKs: legacy $(.venvs/legacy/bin/python -c 'import anthropic; print(anthropic.__version__)'), current $(.venvs/current/bin/python -c 'import anthropic; print(anthropic.__version__)'), pre-0.3 $(.venvs/sdk02/bin/python -c 'import importlib.metadata as m; print(m.version("anthropic"))')"
if [ "${1:-}" != "--no-demo" ]; then
  echo
  echo "\$ migrator check examples/"
  .venv/bin/migrator check examples/ || true
  echo
  echo "\$ migrator migrate --diff examples/   (a dry run: nothing is written)"
  .venv/bin/migrator migrate --diff examples/ || true
fi
