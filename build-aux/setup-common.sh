# Shared by run.sh and test.sh: install what is missing from Debian, then configure and build.
# Sourced, not run.

WICK_BUILD_PACKAGES=(
  gcc pkg-config meson ninja-build gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libpng-dev libcairo2-dev libpango1.0-dev
  glib-networking fonts-dejavu-core adwaita-icon-theme
)

wick_missing_packages () {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

wick_install_packages () {
  local missing
  missing=$(wick_missing_packages "$@")
  [ -z "$missing" ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "wick: these Debian packages are missing and I am not root (and there is no sudo):" $missing >&2
      return 1
    fi
  fi

  echo "Installing:" $missing
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

# wick_build BUILDDIR [meson options...]
wick_build () {
  local builddir=$1
  shift
  if [ -f "$builddir/build.ninja" ]; then
    meson configure "$builddir" "$@" >/dev/null
  else
    meson setup "$builddir" "$@"
  fi
  ninja -C "$builddir"
}
