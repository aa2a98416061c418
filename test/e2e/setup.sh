#!/usr/bin/env bash
# Installs what the real-editor suite needs: Debian packages, code-server 4.100.3 built for this machine's Node.
# Idempotent: a marker file records a finished install, so a second run only checks and takes seconds.
# Only the npm registry and Debian's packages are reachable, so nothing here may download anything else
# (code-server's own postinstall fetches ripgrep from the internet: scripts are skipped and done by hand below).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PREFIX="$ROOT/.cache/code-server"
CS="$PREFIX/node_modules/code-server"
VSCODE="$CS/lib/vscode"
MARKER="$PREFIX/.installed"
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config ripgrep chromium)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
# Runs one named step and prints how long it took, so a slow CI run shows where the time went.
step() {
  local name="$1"; shift
  local start; start="$(now)"
  echo "[setup] $name ..."
  "$@"
  echo "[setup] $name: $(elapsed "$start")"
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do installed "$pkg" || missing+=("$pkg"); done
  # node-gyp needs a compiler, make and python; a stock Node image has them, a slim one may not.
  command -v make >/dev/null || missing+=(make)
  command -v g++ >/dev/null || missing+=(g++)
  command -v python3 >/dev/null || missing+=(python3)
  if [ "${#missing[@]}" -eq 0 ]; then echo "[setup] Debian packages already present"; return; fi
  echo "[setup] installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# node-gyp would download Node's headers from the internet; point it at the ones Debian's nodejs ships.
node_gyp() {
  local nodedir_flag=()
  local nodedir; nodedir="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$nodedir/include/node/common.gypi" ]; then nodedir_flag=(--nodedir="$nodedir"); fi
  local bundled; bundled="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  if [ -f "$bundled" ]; then
    node "$bundled" "${nodedir_flag[@]}" "$@"
  else
    npx --yes node-gyp "${nodedir_flag[@]}" "$@"
  fi
}

install_code_server() {
  mkdir -p "$PREFIX"
  npm install "code-server@$CODE_SERVER_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error --prefix "$PREFIX"
}

install_vscode_deps() {
  (cd "$VSCODE" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
}

build_native_modules() {
  local gyp dir
  # Top-level packages only (node_modules/x and node_modules/@scope/x): nested binding.gyp files are tests/examples.
  while IFS= read -r gyp; do
    dir="$(dirname "$gyp")"
    echo "[setup]   node-gyp rebuild ${dir#"$VSCODE/"}"
    (cd "$dir" && node_gyp rebuild --jobs=max --loglevel=error >/dev/null)
  done < <(find "$VSCODE/node_modules" -mindepth 2 -maxdepth 3 -name binding.gyp \
             \( -path "$VSCODE/node_modules/*/binding.gyp" -o -path "$VSCODE/node_modules/@*/*/binding.gyp" \) | sort)
}

build_argon2() {
  (cd "$PREFIX/node_modules/argon2" \
    && node_gyp rebuild --module_name=argon2 --module_path=./lib/binding/napi-v3 --napi_build_version=3 \
         --jobs=max --loglevel=error >/dev/null \
    && mkdir -p lib/binding/napi-v3 \
    && cp build/Release/argon2.node lib/binding/napi-v3/argon2.node)
}

link_ripgrep_and_asar() {
  mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
  ln -sf "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
  # The server looks for node_modules.asar (as packaged desktop builds have); a link to the folder is enough.
  ln -sfn node_modules "$VSCODE/node_modules.asar"
}

check_code_server() {
  # A config path inside the cache: otherwise code-server writes a default one into ~/.config.
  CODE_SERVER_CONFIG="$PREFIX/config.yaml" node "$CS/out/node/entry.js" --version | head -1
}

total_start="$(now)"
step "Debian packages" apt_packages

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ]; then
  echo "[setup] code-server $CODE_SERVER_VERSION already installed in ${PREFIX#"$ROOT/"}"
else
  # A half-finished or other-version install is thrown away: rebuilding it from scratch is the reliable path.
  rm -rf "$PREFIX"
  step "npm install code-server@$CODE_SERVER_VERSION" install_code_server
  step "npm install in lib/vscode" install_vscode_deps
  step "node-gyp rebuild of lib/vscode native modules" build_native_modules
  step "node-gyp rebuild of argon2" build_argon2
  step "ripgrep and node_modules.asar links" link_ripgrep_and_asar
  step "code-server --version" check_code_server
  echo "$CODE_SERVER_VERSION" > "$MARKER"
fi
echo "[setup] total: $(elapsed "$total_start")"
