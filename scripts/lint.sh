#!/usr/bin/env bash
# Lints the addon with OCA's 18.0 tools, at the versions written in .pre-commit-config.yaml (the
# one place they are pinned): ruff (lint and format, .ruff.toml), pylint-odoo with OCA's mandatory
# checks (.pylintrc-mandatory), OCA's module and PO checks (odoo-pre-commit-hooks) and prettier with
# its XML plugin (prettier.config.cjs). Installs them on first use in $PARCOURS_HOME/lint (a Python
# virtual environment and a node folder), never into the Python that runs Odoo.
#
#   bash scripts/lint.sh          checks, changes nothing
#   bash scripts/lint.sh --fix    applies ruff's safe fixes, ruff format and prettier, then checks
#
# Prints every message, a count per tool and a total; exits 1 when there is any message (a tool that
# fails without one counts as one), 2 when a tool cannot be installed. Lints the files git tracks
# plus new files it does not ignore.
source "$(dirname "$0")/lib.sh"

MODE=check
case "${1:-}" in
    "") ;;
    --fix) MODE=fix ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (use --fix, or nothing to check only)" ;;
esac

LINT_HOME="$PARCOURS_HOME/lint"
VENV="$LINT_HOME/venv"
NODE_DIR="$LINT_HOME/node"
# Only reads .pre-commit-config.yaml; not one of the linters.
PYYAML_SPEC="PyYAML==6.0.2"
# pre-commit repository -> the PyPI package that its hooks run.
PIP_PACKAGES="astral-sh/ruff-pre-commit=ruff OCA/pylint-odoo=pylint-odoo OCA/odoo-pre-commit-hooks=oca-odoo-pre-commit-hooks"

make_venv() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import yaml' 2>/dev/null && return 0
    rm -rf "$VENV"
    say "creating the lint environment $VENV"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"
        apt_install python3-venv || true
        /usr/bin/python3 -m venv "$VENV" || die "cannot create a Python virtual environment: install python3-venv."
    fi
    "$VENV/bin/python" -m pip install -q "$PYYAML_SPEC" >"$LINT_HOME/pip.log" 2>&1 \
        || die "pip could not install $PYYAML_SPEC (see $LINT_HOME/pip.log)"
}

read_config() {
    # Versions, prettier's file pattern and the exclusions from .pre-commit-config.yaml; the lists of
    # files to lint (tracked or new and not ignored, still present) into $RUN/*.list.
    local vars
    vars="$("$VENV/bin/python" - "$ADDON_DIR" "$RUN" "$PIP_PACKAGES" <<'PY'
import os, re, shlex, subprocess, sys
import yaml
addon, run, mapping = sys.argv[1:4]
mapping = dict(item.split("=") for item in mapping.split())
with open(os.path.join(addon, ".pre-commit-config.yaml"), encoding="utf-8") as f:
    config = yaml.safe_load(f)
pip_specs, node_specs, prettier_files = {}, [], None
for repo in config["repos"]:
    url = repo["repo"]
    for key, package in mapping.items():
        if url.lower().endswith("/" + key.lower()):
            pip_specs[package] = "%s==%s" % (package, repo["rev"].lstrip("v"))
    for hook in repo.get("hooks", []):
        if hook["id"] == "prettier":
            node_specs = hook.get("additional_dependencies", [])
            prettier_files = hook.get("files", "")
missing = [p for p in mapping.values() if p not in pip_specs]
if missing or not node_specs:
    sys.exit(".pre-commit-config.yaml has no version for %s" % ", ".join(missing or ["prettier"]))
exclude = re.compile(config.get("exclude", "^$"))
prettier_re = re.compile(prettier_files)
out = subprocess.run(["git", "-C", addon, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                     check=True, capture_output=True).stdout.decode()
files = sorted({f for f in out.split("\0") if f and os.path.isfile(os.path.join(addon, f))})
lists = {
    "all": files,
    "python": [f for f in files if f.endswith((".py", ".pyi")) and not exclude.search(f)],
    "prettier": [f for f in files if prettier_re.search(f) and not exclude.search(f)],
    "po": [f for f in files if f.endswith((".po", ".pot")) and not exclude.search(f)],
}
for name, names in lists.items():
    with open(os.path.join(run, name + ".list"), "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in names))
print("PIP_SPECS=%s" % shlex.quote(" ".join(pip_specs[p] for p in mapping.values())))
print("NODE_SPECS=%s" % shlex.quote(" ".join(node_specs)))
PY
)" || die "could not read .pre-commit-config.yaml (see above)"
    eval "$vars"
}

install_tools() {
    if [ "$(cat "$VENV/.tools" 2>/dev/null)" != "$PIP_SPECS" ]; then
        say "installing $PIP_SPECS in $VENV"
        # shellcheck disable=SC2086
        "$VENV/bin/python" -m pip install -q $PIP_SPECS >"$LINT_HOME/pip.log" 2>&1 \
            || die "pip could not install $PIP_SPECS (see $LINT_HOME/pip.log)"
        echo "$PIP_SPECS" >"$VENV/.tools"
    fi
    command -v npm >/dev/null || { say "installing node and npm (Debian packages)"; apt_install nodejs npm; } \
        || die "npm is missing and could not be installed: install node 18 or later with npm."
    if [ "$(cat "$NODE_DIR/.tools" 2>/dev/null)" != "$NODE_SPECS" ]; then
        say "installing $NODE_SPECS in $NODE_DIR"
        rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
        # shellcheck disable=SC2086
        npm install --prefix "$NODE_DIR" --save-exact --no-audit --no-fund --loglevel=error $NODE_SPECS \
            >"$LINT_HOME/npm.log" 2>&1 || die "npm could not install $NODE_SPECS (see $LINT_HOME/npm.log)"
        echo "$NODE_SPECS" >"$NODE_DIR/.tools"
    fi
}

mkdir -p "$LINT_HOME"
(
    # One installation at a time, whichever checkout runs this script.
    flock 9
    make_venv
) 9>"$LINT_HOME/.lock"
RUN="$(mktemp -d "$LINT_HOME/run.XXXXXX")"
trap 'rm -rf "$RUN"' EXIT
read_config
exec 9>"$LINT_HOME/.lock"
flock 9
install_tools
exec 9>&-

mapfile -t PY_FILES <"$RUN/python.list"
mapfile -t PRETTIER_FILES <"$RUN/prettier.list"
mapfile -t PO_FILES <"$RUN/po.list"
export RUFF_CACHE_DIR="$LINT_HOME/ruff-cache" PYLINTHOME="$LINT_HOME/pylint-home"
export NODE_PATH="$NODE_DIR/node_modules"  # prettier.config.cjs resolves the XML plugin from there
RUFF="$VENV/bin/ruff"
PRETTIER="$NODE_DIR/node_modules/.bin/prettier"

if [ "$MODE" = fix ]; then
    cd "$ADDON_DIR"
    if [ "${#PY_FILES[@]}" -gt 0 ]; then
        "$RUFF" check --fix --force-exclude --quiet "${PY_FILES[@]}" >/dev/null || true
        "$RUFF" format --force-exclude "${PY_FILES[@]}" || true
    fi
    if [ "${#PRETTIER_FILES[@]}" -gt 0 ]; then
        "$PRETTIER" --write --list-different "${PRETTIER_FILES[@]}" | sed 's/^/prettier rewrote: /' || true
    fi
fi

# pylint-odoo and OCA's module checks look for the manifest from each file up to the top of the git
# tree, excluded, and take the addon's name from its folder: they get a copy named referent_parcours
# inside a git tree of its own, as in an OCA repository.
TREE="$RUN/tree"
mkdir -p "$TREE/referent_parcours"
tar -C "$ADDON_DIR" -cf - -T "$RUN/all.list" | tar -C "$TREE/referent_parcours" -xf -
git init -q "$TREE"

declare -A COUNT DETAIL
TOOLS=()
run_tool() {
    # run_tool NAME PATTERN ID_REGEX DIR COMMAND...: runs COMMAND in DIR, prints its output with the
    # copy's folder removed from paths, counts the lines matching PATTERN (a message each) and groups
    # them by the first group of ID_REGEX. A tool that fails without any message counts as one.
    local name="$1" pattern="$2" id_re="$3" dir="$4" rc=0 out="$RUN/$1.out"
    shift 4
    (cd "$dir" && "$@") >"$out" 2>&1 || rc=$?
    sed -i -e 's#^referent_parcours/##' -e '/^\*\{13\} Module /d' "$out"
    echo "=== $name"
    cat "$out"
    TOOLS+=("$name")
    COUNT[$name]="$(grep -cE "$pattern" "$out" || true)"
    DETAIL[$name]="$(grep -E "$pattern" "$out" | sed -nE "s/.*$id_re.*/\1/p" | sort | uniq -c | sort -rn \
        | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}' || true)"
    if [ "$rc" != 0 ] && [ "${COUNT[$name]}" = 0 ]; then
        COUNT[$name]=1
        DETAIL[$name]="the tool failed (exit status $rc), see above"
    fi
}

if [ "${#PY_FILES[@]}" -gt 0 ]; then
    run_tool ruff-check '^[^ ]+:[0-9]+:[0-9]+: ' ': ([A-Z]+[0-9]+) ' "$ADDON_DIR" \
        "$RUFF" check --no-fix --force-exclude --quiet --output-format=concise "${PY_FILES[@]}"
    run_tool ruff-format '^(Would reformat: |error: )' '^(Would reformat|error)' "$ADDON_DIR" \
        "$RUFF" format --check --force-exclude "${PY_FILES[@]}"
fi
run_tool "pylint-odoo" '^[^ ]+:[0-9]+: \[' '\[[A-Z][0-9]+\(([a-z0-9-]+)\)' "$TREE" \
    "$VENV/bin/pylint" --rcfile=referent_parcours/.pylintrc-mandatory --output-format=text referent_parcours
run_tool "oca-checks-odoo" '^[^ ]+(:[0-9]+)*: [a-z][a-z0-9-]+ ' ': ([a-z][a-z0-9-]+) ' "$TREE" \
    bash -c 'rc=0; "$0" referent_parcours || rc=$?; [ $# -lt 2 ] || "$1" --disable=po-pretty-format "${@:2}" || rc=$?; exit $rc' \
    "$VENV/bin/oca-checks-odoo-module" "$VENV/bin/oca-checks-po" "${PO_FILES[@]/#/referent_parcours/}"
if [ "${#PRETTIER_FILES[@]}" -gt 0 ]; then
    run_tool "prettier" '^([^[ ]|\[error\] [^ ]+: )' '^(\[error\]|[^[])' "$ADDON_DIR" \
        "$PRETTIER" --list-different "${PRETTIER_FILES[@]}"
fi

echo
total=0
for name in "${TOOLS[@]}"; do
    total=$((total + COUNT[$name]))
    case "$name" in
        ruff-format|prettier) what="files to reformat"; detail="" ;;
        *) what="messages"; detail="${DETAIL[$name]:+ (${DETAIL[$name]})}" ;;
    esac
    printf 'lint: %-16s %4d %s%s\n' "$name" "${COUNT[$name]}" "$what" "$detail"
done
printf 'lint: %-16s %4d\n' "total" "$total"
if [ "$total" != 0 ]; then
    [ "$MODE" = check ] && say "lint found $total problems; bash scripts/lint.sh --fix applies the automatic fixes"
    exit 1
fi
