package tcpin

import (
	"errors"
	"fmt"
	"net"
	"time"
)

// errAcceptStopped is why the accept loop ended when the listener was
// closed by something other than Shutdown.
var errAcceptStopped = errors.New("listener closed")

// acceptLoop accepts until the listener is closed. Errors other than a
// closed listener (e.g. out of file descriptors) are retried with backoff,
// as net/http does; readiness probes notice if nothing gets accepted.
func (in *Input) acceptLoop(ln net.Listener) {
	defer close(in.loopDone)
	defer func() {
		if r := recover(); r != nil {
			in.loopErr = fmt.Errorf("accept loop panicked: %v", r)
			in.log.Error("accept loop panicked", "panic", r)
		}
	}()
	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				in.loopErr = errAcceptStopped
				return
			}
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			in.log.Warn("accept failed, retrying", "err", err, "retry_in", delay)
			time.Sleep(delay)
			continue
		}
		delay = 0
		in.wg.Add(1)
		go in.handle(c)
	}
}

// handle serves one accepted connection: a readiness probe is confirmed and
// closed, a connection over the limit is closed, anything else is served.
func (in *Input) handle(c net.Conn) {
	defer in.wg.Done()
	if in.probes.claim(c.RemoteAddr(), time.Second) {
		_ = c.Close()
		return
	}
	cn := newConn(in, c)
	if !in.admit(cn) {
		in.m.connRejected.Inc()
		_ = c.Close()
		return
	}
	defer in.release(cn)
	cn.serve()
}

// admit registers cn unless the input is stopping or at MaxConnections.
func (in *Input) admit(cn *conn) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.stopping || len(in.conns) >= in.cfg.MaxConnections {
		return false
	}
	in.conns[cn] = struct{}{}
	in.m.connections.Inc()
	return true
}

func (in *Input) release(cn *conn) {
	in.mu.Lock()
	defer in.mu.Unlock()
	delete(in.conns, cn)
	in.m.connections.Dec()
}
