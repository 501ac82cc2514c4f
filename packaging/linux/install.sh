#!/bin/sh
# Install RPC Referral Desktop from the unpacked release folder (run it from there, as root;
# anyone else is refused before anything is copied):
#   sudo ./install.sh               app in /opt/rpc-desktop, `rpc-desktop` on the PATH,
#                                   a menu entry and its icon
#   sudo ./install.sh --uninstall   remove all of that; each user's data
#                                   (~/.local/share/rpc-desktop) is left alone
# PREFIX (default /opt/rpc-desktop), BINDIR (/usr/local/bin) and DATADIR (/usr/share) can be set.
set -eu

# Before anything else: an ordinary user would get halfway (a PREFIX.new folder, no menu
# entry) and leave root-owned files nobody can tidy, so nothing happens without root.
need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh must be run as root, e.g.: sudo $0${1:+ $1}" >&2
    echo "It installs for every user of this machine (in ${PREFIX:-/opt/rpc-desktop}, ${BINDIR:-/usr/local/bin} and ${DATADIR:-/usr/share}). Nothing was copied or removed." >&2
    exit 1
  fi
}
need_root "${1:-}"

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-/opt/rpc-desktop}
bindir=${BINDIR:-/usr/local/bin}
datadir=${DATADIR:-/usr/share}
apps=$datadir/applications
icons=$datadir/icons/hicolor

# PREFIX is the app's own folder: replaced or removed whole. Refuse one that holds anything
# else (PREFIX=/usr/local would otherwise be wiped).
ours() {
  [ ! -e "$1" ] && return 0
  [ -d "$1" ] || return 1
  for entry in "$1"/* "$1"/.[!.]*; do
    [ -e "$entry" ] || continue
    case "${entry##*/}" in rpc-desktop|_internal) ;; *) return 1 ;; esac
  done
}
if ! ours "$prefix"; then
  echo "$prefix holds other files: PREFIX must be a folder of its own (e.g. /opt/rpc-desktop)" >&2
  exit 1
fi

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$prefix"
  rm -f "$bindir/rpc-desktop" "$apps/rpc-desktop.desktop" \
        "$icons/scalable/apps/rpc-desktop.svg" "$icons/256x256/apps/rpc-desktop.png"
  echo "RPC Referral Desktop removed (user data under ~/.local/share/rpc-desktop kept)."
  exit 0
fi

test -x "$here/rpc-desktop" || { echo "run install.sh from the unpacked release folder" >&2; exit 1; }
# Every file as released (SHA256SUMS, written by pack.py), before any is copied.
if [ -f "$here/SHA256SUMS" ]; then
  if command -v sha256sum >/dev/null 2>&1; then
    check="sha256sum -c --quiet --strict"
  elif command -v shasum >/dev/null 2>&1; then
    check="shasum -a 256 -c --quiet"
  else
    check=""
    echo "no sha256sum or shasum here: the files were not checked against SHA256SUMS" >&2
  fi
  if [ -n "$check" ] && ! (cd "$here" && $check SHA256SUMS >&2); then
    echo "files in $here differ from SHA256SUMS (a damaged download or unpacking?): nothing was installed" >&2
    exit 1
  fi
fi
rm -rf "$prefix.new"
mkdir -p "$prefix.new" "$bindir" "$apps" "$icons/scalable/apps" "$icons/256x256/apps"
cp -R "$here/rpc-desktop" "$here/_internal" "$prefix.new/"
# Owned by root and writable by root only, whoever unpacked the release: every user runs it.
chown -R 0:0 "$prefix.new"
chmod -R u+rwX,go+rX,go-w "$prefix.new"
rm -rf "$prefix" && mv "$prefix.new" "$prefix"
ln -sf "$prefix/rpc-desktop" "$bindir/rpc-desktop"
install -m 0644 "$here/rpc-desktop.svg" "$icons/scalable/apps/rpc-desktop.svg"
install -m 0644 "$here/rpc-desktop.png" "$icons/256x256/apps/rpc-desktop.png"
# The shipped entry runs `rpc-desktop` from the PATH; point it at this install and its icon.
sed -e "s|^Exec=.*|Exec=$prefix/rpc-desktop|" -e '/^Icon=/d' -e '/^\[Desktop Entry\]/a Icon=rpc-desktop' \
  "$here/rpc-desktop.desktop" > "$apps/rpc-desktop.desktop"
chmod 0644 "$apps/rpc-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
"$prefix/rpc-desktop" --version
echo "Installed in $prefix. Check it with: rpc-desktop self-test"
