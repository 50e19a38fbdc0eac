#!/bin/bash
# Run from the repository root after
#   make build && go build -o bin/loadgen ./cmd/loadgen && go build -o bin/esack ./scripts/esack
# [LOGSTACK_BIN=path] bench-es.sh N: `logstack serve` (role all, embedded queue) with store.type
# elasticsearch pointing at esack, an acknowledge-only bulk endpoint; loadgen
# sends N ~200-byte events over HTTP NDJSON; reports acknowledged (durable in
# the queue) and indexed (acknowledged by the bulk endpoint) events/s, and
# logstack's own CPU per event.
N=${1:-1000000}
BIN=${LOGSTACK_BIN:-bin/logstack}  # the binary to measure
D=/tmp/bench-es; rm -rf $D
bin/esack -addr 127.0.0.1:29420 2>/tmp/bench-es-esack.log & EPID=$!
cat > /tmp/bench-es.yaml <<YAML
data_dir: $D
http: {addr: "127.0.0.1:29417"}
inputs: {tcp: {addr: "127.0.0.1:29418"}}
store:
  type: elasticsearch
  elasticsearch: {urls: ["http://127.0.0.1:29420"]}
YAML
$BIN serve --config /tmp/bench-es.yaml 2>/tmp/bench-es-server.log & PID=$!; sleep 3
items() { curl -s 127.0.0.1:29420/_esack/stats | sed 's/.*"items":\([0-9]*\).*/\1/'; }
I0=$(items); T0=$(date +%s.%N)
bin/loadgen -addr 127.0.0.1:29417 -c 8 -batch 1000 -n $N -d 300s -pid $PID | tee /tmp/bench-es.out
SENT=$(sed -n 's/.* events=\([0-9]*\) .*/\1/p' /tmp/bench-es.out | tail -1)
until [ "$(( $(items) - I0 ))" -ge "$SENT" ] 2>/dev/null; do sleep 0.1; done
T1=$(date +%s.%N)
echo "sent $SENT; all indexed (bulk-acknowledged) after $(echo "$T1 - $T0" | bc) s => $(echo "$SENT / ($T1 - $T0)" | bc) events/s"
curl -s 127.0.0.1:29420/_esack/stats; echo
grep VmHWM /proc/$PID/status
awk -v n="$SENT" '{s=($14+$15)/100; printf "server CPU s: %.2f (%.1f us/event)\n", s, s*1e6/n}' /proc/$PID/stat
awk -v n="$SENT" '{s=($14+$15)/100; printf "esack CPU s: %.2f (%.1f us/event)\n", s, s*1e6/n}' /proc/$EPID/stat
kill $PID; wait $PID; kill $EPID; wait $EPID 2>/dev/null; rm -rf $D
