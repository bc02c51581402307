#!/usr/bin/env bash
# Makes sure the pages' browser tests (LivePagesIT, PatientPageIT, JapanesePagesIT) find a headless Chromium and its
# chromedriver on PATH. Run by the build before the integration tests (api/pom.xml, "provision-chromium"): nothing to
# do when both are there; installs Debian's packages when run as root on a Debian-like system; otherwise fails,
# naming what to install. The tests never download a browser themselves (README, "Test it").
set -euo pipefail

for skip in "${SKIP_TESTS:-false}" "${SKIP_ITS:-false}" "${MAVEN_TEST_SKIP:-false}"; do
  if [ "$skip" = "true" ]; then exit 0; fi
done

present() { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }

if present; then exit 0; fi

debian_like() {
  [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1
}

if debian_like && [ "$(id -u)" = "0" ]; then
  echo "[provision-chromium] installing chromium and chromium-driver for the browser tests (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -q && apt-get install -y -q chromium chromium-driver && present; then
    exit 0
  fi
fi

{
  echo "The browser tests (LivePagesIT, PatientPageIT, JapanesePagesIT) need Chromium and its chromedriver on PATH"
  echo "as 'chromium' and 'chromedriver'; they are not installed here. Install them, then run the tests again:"
  echo "  Debian:          sudo apt-get install chromium chromium-driver"
  echo "  Fedora:          sudo dnf install chromium chromedriver"
  echo "  elsewhere:       Chromium and the chromedriver of the same version, both on PATH under those names"
  echo "(Run as root on Debian, the test command installs them itself.)"
} >&2
exit 1
