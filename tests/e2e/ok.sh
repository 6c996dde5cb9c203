# ok.sh - the check helper of the end-to-end scripts (sourced; needs $tmp, a
# scratch directory). ok NAME COMMAND...: run, count in $pass / $fail, and show
# the tail of the output of a failure.
pass=0
fail=0

ok() {
    local name=$1; shift
    if "$@" >"$tmp/log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name"
        tail -30 "$tmp/log" | sed 's/^/    /'
    fi
}
