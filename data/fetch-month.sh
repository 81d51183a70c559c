#!/usr/bin/env bash
# Downloads one month of the city's "Crimes - 2001 to present" dataset (Socrata resource
# ijzp-q8t2) as CSV, page by page, into a file ./crimestream and the producer read.
#
#   data/fetch-month.sh 2016-05 crimes-2016-05.csv
#
# SOCRATA_APP_TOKEN, when set, is sent as X-App-Token (higher rate limits). Needs curl.
set -euo pipefail

if [[ $# -ne 2 || ! "$1" =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]]; then
  echo "usage: $0 YYYY-MM OUTPUT.csv" >&2
  exit 2
fi
month="$1"
out="$2"
endpoint="${SOCRATA_URL:-https://data.cityofchicago.org/resource/ijzp-q8t2.csv}"
page_size=50000
first="${month}-01T00:00:00"
next_month="$(date -u -d "${month}-01 +1 month" +%Y-%m-01)T00:00:00"

headers=()
if [[ -n "${SOCRATA_APP_TOKEN:-}" ]]; then
  headers=(-H "X-App-Token: ${SOCRATA_APP_TOKEN}")
fi

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
: > "$out"
offset=0
while :; do
  if ! curl -fsSL --retry 3 --get "${headers[@]}" "$endpoint" \
      --data-urlencode "\$where=date >= '${first}' AND date < '${next_month}'" \
      --data-urlencode "\$order=date,id" \
      --data-urlencode "\$limit=${page_size}" \
      --data-urlencode "\$offset=${offset}" -o "$tmp"; then
    echo "$0: cannot download ${month} from ${endpoint} (no network, or the API refused);" \
      "use a CSV export you already have with ./crimestream local --data FILE" >&2
    exit 1
  fi
  rows=$(($(wc -l < "$tmp") - 1))
  if [[ $offset -eq 0 ]]; then
    cat "$tmp" > "$out"
  else
    tail -n +2 "$tmp" >> "$out"  # each page repeats the header
  fi
  echo "$month: $((offset + rows)) rows so far" >&2
  if (( rows < page_size )); then
    break
  fi
  offset=$((offset + page_size))
done
echo "$out: $(($(wc -l < "$out") - 1)) rows of $month" >&2
