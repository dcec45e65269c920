# shellcheck shell=bash
# What the PDF tests need (LibreOffice, poppler, the Liberation Serif font): find, install, report.
# Sourced by .ci/run (and by tests/test_ci.py, which runs these functions with stand-in commands).

# True when fontconfig knows Liberation Serif. The list is read whole before it is searched:
# "fc-list | grep -q" under pipefail fails when grep stops early and fc-list dies of SIGPIPE.
has_serif_font() {
  local fonts
  fonts=$(fc-list : family 2>/dev/null) || return 1
  grep -qi "Liberation Serif" <<<"$fonts"
}

# True when LibreOffice has Calc, the component that opens and recalculates workbooks (the
# workbook tests need it): its library, libsclo, sits in LibreOffice's program folder, the folder
# of the real soffice (/usr/bin/soffice is a link into it).
has_calc() {
  local program
  program=$(command -v soffice 2>/dev/null) || return 1
  program=$(readlink -f "$program" 2>/dev/null) || return 1
  [ -e "${program%/*}/libsclo.so" ] || [ -e "${program%/*}/libsclo.dylib" ]
}

# The Debian packages of what is missing, in the array "need".
find_missing() {
  need=()
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  has_calc || need+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  has_serif_font || need+=(fonts-liberation2)
}

# Run an apt-get command; while another apt or dpkg holds its lock, wait (APT_LOCK_WAIT seconds
# at most, default 600, polling every APT_LOCK_POLL seconds) instead of failing.
apt_waiting() {
  local waited=0 poll=${APT_LOCK_POLL:-5} out
  while true; do
    if out=$("$@" -o DPkg::Lock::Timeout="${APT_LOCK_WAIT:-600}" 2>&1); then
      return 0
    fi
    if grep -qiE "could not get lock|unable to acquire|is another process using it" <<<"$out" \
        && [ "$waited" -lt "${APT_LOCK_WAIT:-600}" ]; then
      [ "$waited" -eq 0 ] && echo "apt-get is in use by another process: waiting for its lock"
      sleep "$poll"
      waited=$((waited + (poll > 0 ? poll : 1)))
      continue
    fi
    printf '%s\n' "$out" >&2
    return 1
  done
}

# Install what is missing when this runs as root with apt-get; say so when it cannot.
install_missing() {
  find_missing
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${need[*]}"
    apt_waiting apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt_waiting apt-get install -y -qq --no-install-recommends "${need[@]}" \
      || echo "could not install ${need[*]}"
  else
    echo "cannot install ${need[*]} (not root, or no apt-get)"
  fi
}

# What the PDF tests will do, from what is there now (after any install).
report_tools() {
  local absent=()
  command -v soffice >/dev/null 2>&1 || absent+=("LibreOffice (soffice)")
  command -v pdftotext >/dev/null 2>&1 || absent+=("poppler (pdftotext)")
  if [ ${#absent[@]} -gt 0 ]; then
    echo "not found: ${absent[*]}: the tests that read back the PDF will be skipped (pytest lists them)"
  else
    echo "LibreOffice and poppler found: the tests that read back the PDF will run"
  fi
  if command -v soffice >/dev/null 2>&1 && ! has_calc; then
    echo "LibreOffice Calc not found: the tests that recalculate workbooks will be skipped (pytest lists them)"
  fi
  if ! has_serif_font; then
    echo "Liberation Serif not found: LibreOffice substitutes another font, so line and page breaks may differ"
  fi
}
