#!/bin/bash
# Run from the repository root after `make build`; FILE from scripts/gen_alb.py.
# albbench.sh FILE EXPECTED: logstack serve + logstack ingest FILE, until all lines are searchable
F=$1; N=$2; shift 2
D=/tmp/albbench; rm -rf $D
printf 'data_dir: %s\nhttp: {addr: "127.0.0.1:39281"}\ninputs: {tcp: {addr: "127.0.0.1:39282"}}\n' $D > /tmp/albbench.yaml
bin/logstack serve --config /tmp/albbench.yaml 2>/tmp/albbench-server.log & PID=$!; sleep 3; T0=$(date +%s.%N)
/usr/bin/time -f 'ingest: %e s wall, %U s user, %S s sys, peak RSS %M KB' bin/logstack ingest "$@" --to http://127.0.0.1:39281 $F > /tmp/albbench-summary.json
T1=$(date +%s.%N)
echo "acknowledged after $(echo "$T1 - $T0" | bc) s => $(echo "$N / ($T1 - $T0)" | bc) lines/s"
until [ "$(curl -s '127.0.0.1:39281/api/v1/search?q=*&from=2000-01-01&limit=0' | sed 's/.*"total":\([0-9]*\).*/\1/')" -ge "$N" ] 2>/dev/null; do sleep 0.3; done
T2=$(date +%s.%N)
echo "all $N searchable after $(echo "$T2 - $T0" | bc) s => $(echo "$N / ($T2 - $T0)" | bc) lines/s"
grep VmHWM /proc/$PID/status; awk '{print "server CPU s:", ($14+$15)/100}' /proc/$PID/stat
curl -s 127.0.0.1:39281/metrics | grep -E '^logstack_store_duplicates_total|^logstack_store_written_total' 
kill $PID; wait $PID; rm -rf $D
