#!/usr/bin/env bash
# Starts a streaming read replica of the local PostgreSQL cluster (127.0.0.1:5432) as a second cluster on port 5433,
# so the database tests can read through a real hot standby (decision 0690). Idempotent: a replica that is already
# streaming is left as it is; one that exists but is not a standby of this primary is rebuilt from a base backup.
# Needs root (it writes the clusters' configuration) and Debian's postgresql-common tools.
set -euo pipefail
version=$(ls /etc/postgresql | sort -V | tail -1)
primary_port=5432
replica_port=${IPO_REPLICA_PORT:-5433}
name=replica
data="/var/lib/postgresql/${version}/${name}"
hba="/etc/postgresql/${version}/main/pg_hba.conf"

as_postgres() { su postgres -s /bin/sh -c "$*"; }

# The primary must accept replication connections from this machine.
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]' "$hba"; then
  echo "host replication all 127.0.0.1/32 trust" >>"$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi

streaming() {
  psql -h 127.0.0.1 -p "$replica_port" -U postgres -d postgres -Atc "select pg_is_in_recovery()" 2>/dev/null | grep -q t
}

if streaming; then
  echo "replica: streaming on port ${replica_port}"
  exit 0
fi

if pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1 == v && $2 == n { found = 1 } END { exit !found }'; then
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" stop 2>/dev/null || true
  pg_dropcluster "$version" "$name"
fi
pg_createcluster -p "$replica_port" "$version" "$name" -- --auth-local=trust --auth-host=trust >/dev/null
find "$data" -mindepth 1 -delete
as_postgres "pg_basebackup -h 127.0.0.1 -p ${primary_port} -U postgres -D '${data}' -R -X stream -c fast"
pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start
for _ in $(seq 1 30); do
  if streaming; then
    echo "replica: streaming on port ${replica_port}"
    exit 0
  fi
  sleep 1
done
echo "replica: did not come up on port ${replica_port}" >&2
exit 1
