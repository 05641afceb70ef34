#!/usr/bin/env bash
# Installs the Debian packages the notebook and report tests need, only when missing:
#   python3-nbclient + jupyter-core  -> `jupyter execute` (headless notebook execution)
#   jupyter-nbconvert                -> `npm run notebooks:html`
#   chromium                         -> the report test (driven by playwright-core, no browser download)
# Debian's own python3 (/usr/bin/python3) is used on purpose: another python3 found earlier on PATH
# (pyenv, conda) does not see Debian's jupyter packages.
set -euo pipefail

# Test files run in parallel processes and may call this at the same moment: one installs, the others
# wait and then find the packages there (apt-get would otherwise fail on dpkg's lock).
exec 9>"${TMPDIR:-/tmp}/nested-lc-system-packages.lock"
command -v flock >/dev/null 2>&1 && flock 9

missing=()
/usr/bin/python3 -c "import nbclient, jupyter_core" 2>/dev/null || missing+=(python3-nbclient jupyter-core)
/usr/bin/python3 -c "import nbconvert" 2>/dev/null || missing+=(jupyter-nbconvert)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "nested-lc: missing Debian packages (${missing[*]}) and no apt-get here; install them by hand" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "nested-lc: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=300 -y -q)
if ! $SUDO "${APT[@]}" install --no-install-recommends "${missing[@]}" >/tmp/nested-lc-apt.log 2>&1; then
  $SUDO "${APT[@]}" update >>/tmp/nested-lc-apt.log 2>&1
  $SUDO "${APT[@]}" install --no-install-recommends "${missing[@]}" >>/tmp/nested-lc-apt.log 2>&1 \
    || { tail -20 /tmp/nested-lc-apt.log >&2; exit 1; }
fi
