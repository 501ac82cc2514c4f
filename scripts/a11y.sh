#!/usr/bin/env bash
# `make a11y`: start the real app under Xvfb with AT-SPI on, in a fresh data folder, and
# complete the demo referral through the accessibility tree (scripts/a11y_walk.py, run by
# the SYSTEM python3 with pyatspi). Exit status is the walker's: 0 when the referral completed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LAUNCHER=/usr/libexec/at-spi-bus-launcher
PACKAGES="xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 python3-gi libxcb-cursor0 \
libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"

missing() {
  command -v Xvfb >/dev/null && command -v dbus-run-session >/dev/null && [ -x "$LAUNCHER" ] &&
    /usr/bin/python3 -c 'import pyatspi' 2>/dev/null &&
    ! ldd "$ROOT"/.venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so |
      grep -q 'not found'
}

if [ "${1:-}" != "--inside" ]; then
  if ! missing; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing what the accessibility check needs: $PACKAGES"
      # shellcheck disable=SC2086
      apt-get install -y -q $PACKAGES >/dev/null || { apt-get update -q >/dev/null &&
        apt-get install -y -q $PACKAGES >/dev/null; }
    else
      echo "make a11y needs: sudo apt-get install $PACKAGES"; exit 2
    fi
  fi
  exec dbus-run-session -- "$0" --inside
fi

WORK="$(mktemp -d /tmp/rpc-a11y.XXXXXX)"
DISPLAY_NUMBER=99
while [ -e "/tmp/.X${DISPLAY_NUMBER}-lock" ]; do DISPLAY_NUMBER=$((DISPLAY_NUMBER + 1)); done
export DISPLAY=":$DISPLAY_NUMBER"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

Xvfb "$DISPLAY" -screen 0 1280x1024x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
"$LAUNCHER" --launch-immediately >"$WORK/atspi.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break; sleep 0.1; done

mkdir -p "$WORK/home" "$WORK/out"
export RPC_DESKTOP_HOME="$WORK/home" A11Y_OUT="$WORK/out"
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb QT_ACCESSIBILITY=1
# A crash of the app leaves its Python stack in its output, shown below.
export PYTHONFAULTHANDLER=1
"$ROOT/.venv/bin/rpc-desktop" >"$WORK/app.log" 2>&1 &
PIDS+=($!)

status=0
/usr/bin/python3 "$ROOT/scripts/a11y_walk.py" || status=$?
if [ "$status" != 0 ] && [ -s "$WORK/app.log" ]; then
  echo "--- the app's output"; tail -60 "$WORK/app.log"
fi
exit "$status"
