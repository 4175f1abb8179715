# Shared set-up for scripts/run.sh and scripts/test.sh (sourced, not run).
# Finds or installs what the addon needs: Odoo 18, PostgreSQL, wkhtmltopdf;
# starts a private PostgreSQL cluster; links this checkout as an addon folder
# named referent_parcours. Every failure says what is missing.
set -euo pipefail
# runuser, useradd and PostgreSQL tools live in sbin, which minimal environments leave out.
export PATH="$PATH:/usr/sbin:/sbin"

ADDON_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARCOURS_HOME="${PARCOURS_HOME:-/var/tmp/referent_parcours}"
PG_USER=odoo
ODOO_BRANCH=18.0
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"

say() { printf '[referent_parcours] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() {
    # Installs Debian packages when missing; returns non-zero when it cannot.
    command -v apt-get >/dev/null || return 1
    if [ -z "${_APT_UPDATED:-}" ]; then
        as_root apt-get update -qq >/dev/null 2>&1 || true
        _APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

odoo_version() {
    # Prints the major version of the Odoo that python3 imports (with ODOO_SRC
    # on the path when set), or nothing.
    PYTHONPATH="${ODOO_SRC:+$ODOO_SRC:}${PYTHONPATH:-}" python3 -c \
        'import odoo; print(odoo.release.version_info[0])' 2>/dev/null || true
}

install_odoo_from_source() {
    # Clones Odoo 18 from its official repository and installs its Python
    # requirements; only reached when no Odoo 18 is importable.
    local dest="$PARCOURS_HOME/odoo-$ODOO_BRANCH"
    command -v git >/dev/null || apt_install git || return 1
    if [ ! -f "$dest/odoo-bin" ]; then
        say "Odoo 18 not found: cloning $ODOO_GIT_URL ($ODOO_BRANCH) into $dest"
        mkdir -p "$PARCOURS_HOME"
        git clone --quiet --depth 1 --branch "$ODOO_BRANCH" "$ODOO_GIT_URL" "$dest" || return 1
    fi
    apt_install libpq-dev libldap2-dev libsasl2-dev || true
    sed -e 's/^cbor2==5.4.2.*/cbor2==5.6.2/' "$dest/requirements.txt" > "$PARCOURS_HOME/odoo-requirements.txt"
    python3 -m pip install -q "setuptools<70" wheel || return 1
    python3 -m pip install -q --no-build-isolation -r "$PARCOURS_HOME/odoo-requirements.txt" || return 1
    ODOO_SRC="$dest"
}

find_odoo_python() {
    # A minimal environment (cron, CI without a login shell) may leave out the
    # folder of the python3 that imports Odoo: look in the usual places.
    local dir
    for dir in "${HOME:-/root}"/.pyenv/versions/*/bin /usr/local/bin /opt/*/bin; do
        [ -x "$dir/python3" ] || continue
        if PYTHONPATH="${ODOO_SRC:+$ODOO_SRC:}${PYTHONPATH:-}" "$dir/python3" -c \
            'import odoo, sys; sys.exit(odoo.release.version_info[0] != 18)' 2>/dev/null; then
            say "using $dir/python3, which imports Odoo 18"
            export PATH="$dir:$PATH"
            return 0
        fi
    done
    return 1
}

ensure_odoo() {
    if [ "$(odoo_version)" != 18 ]; then
        find_odoo_python || true
    fi
    if [ "$(odoo_version)" != 18 ]; then
        install_odoo_from_source || die "Odoo 18 is not importable by python3, ODOO_SRC is not set to an Odoo 18 source tree, and installing it from $ODOO_GIT_URL failed (no network?). Install Odoo 18.0 (git clone -b 18.0 $ODOO_GIT_URL) and its requirements, then set ODOO_SRC to that folder."
        [ "$(odoo_version)" = 18 ] || die "Odoo was installed in $ODOO_SRC but python3 still cannot import it: check the pip errors above."
    fi
    ODOO_PKG="$(PYTHONPATH="${ODOO_SRC:+$ODOO_SRC:}${PYTHONPATH:-}" python3 -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')"
    export PYTHONPATH="$(dirname "$ODOO_PKG")${PYTHONPATH:+:$PYTHONPATH}"
    # Core addons live beside the odoo package in a source tree, inside it in a wheel.
    if [ -d "$(dirname "$ODOO_PKG")/addons/mail" ]; then
        CORE_ADDONS="$(dirname "$ODOO_PKG")/addons"
    else
        CORE_ADDONS="$ODOO_PKG/addons"
    fi
    python3 -c 'import num2words, lxml, psycopg2' 2>/dev/null \
        || die "Odoo 18 imports but its Python requirements do not (num2words, lxml, psycopg2): run pip install -r requirements.txt of your Odoo 18 tree."
}

ensure_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null && return 0
    say "installing wkhtmltopdf (Debian package)"
    apt_install wkhtmltopdf fonts-dejavu-core || die "wkhtmltopdf is missing and could not be installed: install it (apt-get install wkhtmltopdf) for PDF reports."
}

ensure_chromium() {
    # The tours (tests/test_tours.py) drive a headless Chromium, which Odoo looks up on the PATH, through
    # its DevTools websocket: the Python module websocket-client, which Odoo's requirements leave out, is
    # taken from Debian (python3-websocket, pure Python) and put on the path by itself.
    local bin found="" debian=/usr/lib/python3/dist-packages/websocket lib="$PARCOURS_HOME/pylib"
    for bin in google-chrome chromium chromium-browser google-chrome-stable; do
        command -v "$bin" >/dev/null && { found=1; break; }
    done
    if [ -z "$found" ]; then
        say "installing Chromium (Debian package) for the browser tests"
        apt_install chromium || die "Chromium is missing and could not be installed: install it (apt-get install chromium) for the browser tests (tours)."
    fi
    python3 -c 'import websocket' 2>/dev/null && return 0
    [ -d "$debian" ] || { say "installing websocket-client (Debian package python3-websocket) for the browser tests"; apt_install python3-websocket || true; }
    mkdir -p "$lib"
    if [ -d "$debian" ]; then
        ln -sfn "$debian" "$lib/websocket"
    else
        python3 -m pip install -q --target "$lib" websocket-client || true
    fi
    export PYTHONPATH="$lib${PYTHONPATH:+:$PYTHONPATH}"
    python3 -c 'import websocket' 2>/dev/null \
        || die "The Python module websocket-client is missing (Odoo drives Chromium with it): apt-get install python3-websocket, or pip install websocket-client."
}

pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
    command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

run_as_pg_owner() {
    # PostgreSQL refuses to run as root: root runs it as the 'postgres' account.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
    # $1 = demo (the run command: fsync on, a power cut cannot corrupt the data) or test (a throwaway
    # database: fsync off for speed). Each has its own private cluster, since fsync is cluster-wide.
    local role="${1:-demo}" bin fsync
    if [ "$role" = test ]; then
        PG_PORT="${TEST_PG_PORT:-5440}"; PG_DATA="$PARCOURS_HOME/pgdata-test"; fsync=off
    else
        PG_PORT="${PG_PORT:-5439}"; PG_DATA="$PARCOURS_HOME/pgdata"; fsync=on
    fi
    bin="$(pg_bin)" || { say "installing PostgreSQL (Debian package)"; apt_install postgresql postgresql-client; bin="$(pg_bin)"; } \
        || die "PostgreSQL is missing and could not be installed: install the Debian package postgresql (or point PGHOST/PGPORT/PGUSER at a server and set PG_EXTERNAL=1)."
    if [ -n "${PG_EXTERNAL:-}" ]; then
        DB_ARGS=(--db_host "${PGHOST:-localhost}" --db_port "${PGPORT:-5432}" --db_user "${PGUSER:-$USER}")
        [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=(--db_password "$PGPASSWORD")
        return 0
    fi
    mkdir -p "$PARCOURS_HOME"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PARCOURS_HOME" postgres
        mkdir -p "$PG_DATA" && chown postgres "$PG_DATA"
    fi
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $PG_DATA (port $PG_PORT, fsync $fsync)"
        run_as_pg_owner "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed for $PG_DATA"
    fi
    local options="-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=$fsync"
    [ "$fsync" = off ] && options="$options -c synchronous_commit=off -c full_page_writes=off"
    if run_as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        # A cluster left running with other settings (an older version of this script) is restarted.
        if [ "$(run_as_pg_owner "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -Atc 'SHOW fsync' 2>/dev/null)" != "$fsync" ]; then
            run_as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -w -m fast stop >/dev/null || die "could not restart PostgreSQL in $PG_DATA"
        fi
    fi
    if ! run_as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        run_as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -w -l "$PG_DATA/server.log" -o "$options" start >/dev/null \
            || die "PostgreSQL did not start: see $PG_DATA/server.log"
    fi
    DB_ARGS=(--db_host 127.0.0.1 --db_port "$PG_PORT" --db_user "$PG_USER")
}

write_server_config() {
    # The run command's Odoo configuration ($1): the database manager is disabled (no listing, backup,
    # restore or drop over HTTP) and the master password is a random one, never Odoo's default "admin".
    # Created once, readable by its owner only; kept across runs so the password does not change.
    local file="$1"
    [ -f "$file" ] && { chmod 600 "$file"; return 0; }
    mkdir -p "$(dirname "$file")"
    (
        umask 077
        printf '[options]\nlist_db = False\nadmin_passwd = %s\n' \
            "$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')" > "$file"
    )
}

link_addon() {
    # Odoo needs the addon folder to be named after the module.
    ADDONS_LINK_DIR="$PARCOURS_HOME/addons"
    mkdir -p "$ADDONS_LINK_DIR"
    ln -sfn "$ADDON_DIR" "$ADDONS_LINK_DIR/referent_parcours"
}

setup_all() {
    # $1 = demo or test: which PostgreSQL cluster (see ensure_postgres).
    ensure_odoo
    ensure_wkhtmltopdf
    if [ "${1:-demo}" = test ]; then ensure_chromium; fi
    ensure_postgres "${1:-demo}"
    link_addon
    ODOO_ARGS=(--addons-path "$CORE_ADDONS,$ADDONS_LINK_DIR" "${DB_ARGS[@]}" --data-dir "$PARCOURS_HOME/filestore")
}

odoo_bin() {
    python3 -c 'import sys, odoo; sys.argv[0] = "odoo"; odoo.cli.main()' "$@"
}
