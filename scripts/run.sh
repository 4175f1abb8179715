#!/usr/bin/env bash
# Starts a local Odoo 18 with referent_parcours and its French demo data.
# The first run creates the database; later runs reuse it (RESET=1 starts afresh).
source "$(dirname "$0")/lib.sh"
setup_all demo
CONFIG="$PARCOURS_HOME/odoo.conf"
write_server_config "$CONFIG"

DB="${RUN_DB:-referent_parcours_demo}"
PORT="${HTTP_PORT:-8069}"
psql_admin() {
    run_as_pg_owner "$(pg_bin)/psql" -h "${DB_ARGS[1]}" -p "${DB_ARGS[3]}" -U "${DB_ARGS[5]}" -d postgres -Atc "$1"
}
if [ -n "${RESET:-}" ]; then
    say "dropping database '$DB'"
    psql_admin "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null || die "could not drop database '$DB'"
fi
UPDATE_ARGS=()
if psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'" 2>/dev/null | grep -q 1; then
    # The checkout may have changed since the database was made: update the addon as the server starts.
    UPDATE_ARGS=(-u referent_parcours)
else
    say "creating database '$DB' with the addon and its demo data (a few minutes)"
    odoo_bin "${ODOO_ARGS[@]}" -d "$DB" -i referent_parcours --load-language fr_FR --stop-after-init \
        --max-cron-threads=0 --log-level=warn
    # Demo users read the application in French.
    echo "env['res.users'].with_context(active_test=False).search(['|', ('share', '=', False), ('login', '=', 'famille.lefort')]).write({'lang': 'fr_FR', 'tz': 'Europe/Paris'}); env.cr.commit()" \
        | odoo_bin shell "${ODOO_ARGS[@]}" -d "$DB" --no-http --log-level=warn >/dev/null
fi
cat >&2 <<MSG

  Référent de parcours is running at http://localhost:$PORT  (database $DB)
  Demo logins (password = login):
    admin         administrator of the instance and of the addon
    referent      Claire Martin, MDS de Liévin, référent of several families
    intervenant   Julien Petit, CCAS de Liévin, intervenant
    partenaire    Sophie Leroy, CAF du Pas-de-Calais (another organisation), intervenant
    responsable   Nadia Benali, manager of the MDS de Liévin (steering figures; a situation only through an exceptional access)
    dpo           Élise Garnier, data protection officer (consultation log, retention, right of access)
    secretariat   Sandrine Dupuis, secretary of the Liévin and Bruay commissions
    pilote        Philippe Roger, pilot of the Liévin and Bruay commissions
    famille.lefort  Sandrine Lefort, in her personal space at http://localhost:$PORT/my/parcours
  Stop with Ctrl+C.

MSG
exec python3 -c 'import sys, odoo; sys.argv[0] = "odoo"; odoo.cli.main()' -c "$CONFIG" "${ODOO_ARGS[@]}" -d "$DB" --db-filter "^$DB\$" "${UPDATE_ARGS[@]}" \
    --http-port "$PORT" --http-interface 127.0.0.1 --max-cron-threads=1
