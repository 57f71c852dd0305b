#!/usr/bin/env bash
# The MySQL sandbox: a real MySQL 9.x from Debian sid, run from a cached chroot on
# 127.0.0.1:3307 with GTIDs on and a full-row binlog. Idempotent: start on a running
# sandbox only reports it; a cached chroot starts in seconds.
set -euo pipefail

CACHE="${TWOWAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/twoway}"
ROOT="$CACHE/mysql-sid"
PORT="${TWOWAY_MYSQL_PORT:-3307}"
DATADIR_IN_ROOT=/var/lib/twoway-mysql
LOG="$CACHE/mysqld.log"

say() { printf 'mysql: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Debian's mirror as this machine's apt already knows it: no host is named here.
mirror() {
  local uri
  uri=$(grep -h -m1 -E '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}' || true)
  [ -n "$uri" ] || uri=$(grep -h -m1 -E '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' || true)
  [ -n "${TWOWAY_DEBIAN_MIRROR:-}" ] && uri=$TWOWAY_DEBIAN_MIRROR
  [ -n "$uri" ] || die "no Debian mirror found in /etc/apt; set TWOWAY_DEBIAN_MIRROR"
  echo "$uri"
}

need_root() {
  [ "$(id -u)" = 0 ] || die "the sandbox needs root (debootstrap and chroot); or set TWOWAY_MYSQL_URL to use an existing MySQL"
}

# The chroot's mysql client can serve another server too (./twoway mysql status with TWOWAY_MYSQL_URL).
has_client() { [ "$(id -u)" = 0 ] && [ -x "$ROOT/usr/bin/mysql" ]; }
client() { chroot "$ROOT" mysql --no-defaults -h127.0.0.1 -P"$PORT" -uroot "$@"; }
socket_client() { chroot "$ROOT" mysql --no-defaults -S /run/mysqld/mysqld.sock -uroot "$@"; }

provision() {
  [ -x "$ROOT/usr/sbin/mysqld" ] && return 0
  need_root
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  mkdir -p "$CACHE"
  rm -rf "$ROOT.partial"
  say "building the chroot from Debian sid (once; about a minute)"
  debootstrap --variant=minbase --include=mysql-server-core,mysql-client \
    sid "$ROOT.partial" "$(mirror)" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
  mv "$ROOT.partial" "$ROOT"
}

running() { socket_client -N -e 'SELECT 1' >/dev/null 2>&1; }

# --initialize makes root@localhost only; JDBC and the tests come over TCP from 127.0.0.1.
allow_loopback_root() {
  socket_client -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
    GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
}

# Named time zones (Europe/Berlin, ...) for the tests that run under a server zone with daylight
# saving time; loaded once, without binary logging, so no source ever streams them.
load_time_zones() {
  [ "$(socket_client -N -e 'SELECT COUNT(*) FROM mysql.time_zone_name')" = 0 ] || return 0
  { echo "SET SESSION sql_log_bin = 0;"; chroot "$ROOT" mysql_tzinfo_to_sql /usr/share/zoneinfo 2>/dev/null; } \
    | socket_client mysql
}

initialize() {
  [ -d "$ROOT$DATADIR_IN_ROOT/mysql" ] && return 0
  rm -rf "$ROOT$DATADIR_IN_ROOT"
  chroot "$ROOT" mysqld --no-defaults --initialize-insecure --user=root \
    --datadir="$DATADIR_IN_ROOT" >"$CACHE/initialize.log" 2>&1 \
    || { tail -20 "$CACHE/initialize.log" >&2; die "mysqld --initialize failed"; }
}

start() {
  if [ -x "$ROOT/usr/sbin/mysqld" ] && running; then allow_loopback_root; load_time_zones; status; return 0; fi
  need_root
  provision
  initialize
  mkdir -p "$ROOT/tmp" "$ROOT/run/mysqld"
  chmod 1777 "$ROOT/tmp"
  say "starting mysqld on 127.0.0.1:$PORT"
  setsid chroot "$ROOT" mysqld --no-defaults --user=root --datadir="$DATADIR_IN_ROOT" \
    --gtid-mode=ON --enforce-gtid-consistency=ON --log-bin=binlog --server-id=1 \
    --binlog-format=ROW --binlog-row-image=FULL --secure-file-priv= --mysqlx=OFF \
    --port="$PORT" --bind-address=127.0.0.1 --socket=/run/mysqld/mysqld.sock \
    --pid-file=/run/mysqld/mysqld.pid --max-connections=500 \
    --innodb-buffer-pool-size=1G --innodb-redo-log-capacity=1G \
    --skip-name-resolve </dev/null >"$LOG" 2>&1 &
  local deadline=$((SECONDS + 120))
  until running; do
    [ $SECONDS -lt $deadline ] || { tail -20 "$LOG" >&2; die "mysqld did not answer within 120 s (log: $LOG)"; }
    kill -0 $! 2>/dev/null || { tail -20 "$LOG" >&2; die "mysqld exited (log: $LOG)"; }
    sleep 0.5
  done
  allow_loopback_root
  load_time_zones
  status
}

stop() {
  need_root
  if ! [ -x "$ROOT/usr/sbin/mysqld" ] || ! running; then say "not running"; return 0; fi
  chroot "$ROOT" mysqladmin --no-defaults -h127.0.0.1 -P"$PORT" -uroot shutdown
  local deadline=$((SECONDS + 60))
  while [ -e "$ROOT/run/mysqld/mysqld.pid" ] && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
  say "stopped"
}

status() {
  need_root
  if ! [ -x "$ROOT/usr/sbin/mysqld" ] || ! running; then say "not running"; return 3; fi
  client -N -e "SELECT CONCAT('running: MySQL ', @@version, ', gtid_mode=', @@gtid_mode,
    ', binlog_format=', @@binlog_format, ', binlog_row_image=', @@binlog_row_image)"
  echo "jdbc:mysql://127.0.0.1:$PORT/ (user root, empty password)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  client) shift; need_root; client "$@" ;;
  has-client) has_client ;;
  *) die "usage: mysql-sandbox.sh start|stop|status|client [mysql args]|has-client" ;;
esac
