# expect.sh -- what the CLI test scripts share, sourced by each: a scratch
# directory removed on exit, a count of failures, and expect(), which runs
# a command and checks its exit code and its message.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect CODE PATTERN CMD...: runs CMD, wants exit CODE and PATTERN in stderr.
expect() {
    want=$1 pat=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -q -- "$pat" "$T/err"; then
        fail "$* -> exit $got (want $want), stderr:"; sed 's/^/    /' "$T/err"
    else
        echo "ok: exit $got: $(head -n 1 "$T/err")"
    fi
}
