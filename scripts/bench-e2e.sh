#!/bin/bash
# Run from the repository root after `make build && go build -o bin/loadgen ./cmd/loadgen`.
# e2e.sh N: fresh data dir, send N events over HTTP NDJSON, poll until all are searchable
N=${1:-1000000}
D=/tmp/bench-e2e; rm -rf $D
printf 'data_dir: %s\nhttp: {addr: "127.0.0.1:29417"}\ninputs: {tcp: {addr: "127.0.0.1:29418"}}\n' $D > /tmp/e2e.yaml
bin/logstack serve --config /tmp/e2e.yaml 2>/tmp/e2e-server.log & PID=$!; sleep 3; T0=$(date +%s.%N)
bin/loadgen -addr 127.0.0.1:29417 -c 8 -batch 1000 -n $N -d 300s -pid $PID | tee /tmp/e2e.out
SENT=$(sed -n 's/.* events=\([0-9]*\) .*/\1/p' /tmp/e2e.out | tail -1)
until [ "$(curl -s '127.0.0.1:29417/api/v1/search?limit=0' | sed 's/.*"total":\([0-9]*\).*/\1/')" -ge "$SENT" ] 2>/dev/null; do sleep 0.3; done
T1=$(date +%s.%N)
echo "sent $SENT; all searchable after $(echo "$T1 - $T0" | bc) s => $(echo "$SENT / ($T1 - $T0)" | bc) events/s"; grep VmHWM /proc/$PID/status
awk '{print "server CPU s:", ($14+$15)/100}' /proc/$PID/stat; kill $PID; wait $PID; rm -rf $D
