#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds, prepares a demo
# instance in var/demo/ (config, users, a week of agenda) on the first run, and
# runs jadwald in the foreground on http://localhost:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

demo_dir=var/demo
config=$demo_dir/jadwal.ini
password=${JADWAL_DEMO_PASSWORD:-demo-jadwal}

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)" --target jadwald

mkdir -p "$demo_dir"
if [[ ! -f "$config" ]]; then
  cat >"$config" <<INI
; Demo instance written by scripts/demo.sh; see conf/jadwal.ini for every key.
public_url = http://localhost:8080
timezone = Asia/Jakarta

[http]
address = 127.0.0.1
port = 8080

[db]
url = sqlite:$demo_dir/jadwal.db

[workflow]
; Pending requests hold their slot here as TENTATIVE events.
hold_calendar = protokol/permohonan

[agenda]
region = KABUPATEN OGAN ILIR
leaders = bupati, wabup, sekda

[log]
access = -
INI
fi

jadwald() { build/jadwald --config "$config" "$@"; }

# Prints the demo calendar template $1 with dates relative to the current week.
render_demo_calendar() {
  local template=$1 offset
  local -a substitutions=(-e "s/@STAMP@/$(date -u +%Y%m%dT%H%M%SZ)/g")
  # The demo week is the current week in Jakarta, whatever the machine's zone.
  local monday_offset=$(($(TZ=Asia/Jakarta date +%u) - 1))
  local -A days=([LAST_MON]=-7 [MON]=0 [TUE]=1 [WED]=2 [THU]=3 [FRI]=4 [SAT]=5 [SUN]=6 [NEXT_MON]=7 [NEXT_TUE]=8)
  for day in "${!days[@]}"; do
    offset=$((days[$day] - monday_offset))
    substitutions+=(-e "s/@$day@/$(TZ=Asia/Jakarta date -d "$offset days" +%Y%m%d)/g")
  done
  sed "${substitutions[@]}" -e "/@VTIMEZONE@/{r conf/demo/vtimezone-wib.ics" -e "d}" "$template" | sed 's/$/\r/'
}

# Seeds once: the marker is written last, so an interrupted first run starts over.
if [[ ! -f "$demo_dir/seeded" ]]; then
  rm -f "$demo_dir"/jadwal.db "$demo_dir"/jadwal.db-wal "$demo_dir"/jadwal.db-shm
  add_user() { printf '%s\n' "$password" | jadwald user add "$1" --role "$2" --name "$3"; }
  add_user admin admin "Administrator"
  add_user protokol protokol "Staf Prokompim"
  add_user bupati pimpinan "Bupati"
  add_user wabup pimpinan "Wakil Bupati"
  add_user sekda pimpinan "Sekretaris Daerah"
  add_user ajudan.bupati ajudan "Ajudan Bupati"
  add_user humas viewer "Bagian Humas"
  jadwald calendar add protokol/permohonan --name "Permohonan (menunggu keputusan)"
  jadwald assign ajudan.bupati bupati
  jadwald share bupati/agenda humas read
  jadwald share wabup/agenda humas read
  for leader in bupati wabup sekda; do
    render_demo_calendar "conf/demo/$leader.ics.in" >"$demo_dir/$leader.ics"
    jadwald import "$leader/agenda" "$demo_dir/$leader.ics"
  done
  touch "$demo_dir/seeded"
fi

cat <<BANNER

  Jadwal demo: http://localhost:8080/  (stop with Ctrl-C)
    request form:  http://localhost:8080/permohonan
    staff pages:   http://localhost:8080/staf   (log in as protokol, or as bupati)
    daily agenda:  http://localhost:8080/staf/agenda  (WhatsApp text, PDF; feeds on /staf/akun)
    public agenda: http://localhost:8080/agenda  (also /agenda.json, /agenda.ics)
    CalDAV:        http://localhost:8080/  (any CalDAV client; see README)
  Users (password for all: $password):
    admin (admin), protokol (protokol), bupati, wabup, sekda (pimpinan),
    ajudan.bupati (ajudan of bupati), humas (viewer: reads bupati and wabup)
  Try:  curl -u bupati:$password -X PROPFIND -H 'Depth: 1' http://localhost:8080/dav/calendars/bupati/agenda/
  Data: $demo_dir/ (delete it to start over)

BANNER
exec build/jadwald --config "$config"
