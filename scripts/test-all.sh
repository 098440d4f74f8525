#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: install, type check, lint, build, then the
# vitest suite (service, shared, migrations, HTTP, and Chromium end-to-end).
# Ends with one line: "N passed, N failed". Static checks count as one test each.
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export CI="${CI:-false}"

passed=0
failed=0
check() {
  local name="$1"; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else echo "!! $name failed"; failed=$((failed + 1)); fi
}

# Debian's Chromium for the browser tests, poppler for PDF checks (never a downloaded browser),
# the ICAO OCR-B font the synthetic MRZ documents are printed in, and ImageMagick for the
# quality-set generator (../shared/tools/make_quality_set.py).
if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null 2>&1 || [ ! -f /usr/share/fonts/opentype/ocr-b/OCRB.otf ] || [ ! -x /usr/bin/identify ]; then
  echo "== installing chromium, poppler-utils, fonts-ocr-b and imagemagick from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils fonts-ocr-b imagemagick >/dev/null \
    || echo "!! could not install chromium, fonts-ocr-b or imagemagick; browser, synthetic MRZ and quality-seed tests will fail in CI and skip elsewhere"
fi

echo "== npm ci"
if ! npm ci --no-audit --no-fund; then
  echo "npm ci failed"
  echo "0 passed, 1 failed"
  exit 1
fi

check "typecheck" npm run --silent typecheck
check "lint" npm run --silent lint
check "build (electron-vite: main, preload, renderer)" npm run --silent build
# Packaging: every file electron-builder.yml names exists, nothing opened by path stays in the asar.
check "electron-builder.yml against the files it names" node scripts/packaged-layout.mjs --check
# Electron security lint over the built app; fails on any high-severity finding.
check "electronegativity" node scripts/electronegativity.mjs

mkdir -p test-artifacts
echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json
vitest_status=$?
if [ -f test-artifacts/vitest.json ]; then
  read -r vp vf < <(node -e "const r=require('./test-artifacts/vitest.json');console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0) + (r.numFailedTestSuites && r.numFailedTests===0 ? r.numFailedTestSuites : 0))")
  passed=$((passed + vp))
  failed=$((failed + vf))
  [ "$vitest_status" -ne 0 ] && [ "$vf" -eq 0 ] && failed=$((failed + 1))
else
  failed=$((failed + 1))
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
