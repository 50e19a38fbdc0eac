package tcpin

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"
)

// probeTimeout bounds how long Check waits for its probe to be accepted.
const probeTimeout = time.Second

// Check is the readiness check: it fails unless the input is started, not
// shut down, its accept loop is running, and a real connection to the
// listen address is accepted by that loop within a second. A listener that
// still binds the port but no longer accepts (the failure that silently
// black-holed a TCP input behind a healthy HTTP endpoint) fails it. Probes
// are not counted as client connections.
func (in *Input) Check(ctx context.Context) error {
	in.mu.Lock()
	ln, stopping := in.ln, in.stopping
	in.mu.Unlock()
	switch {
	case ln == nil:
		return errors.New("tcp input not started")
	case stopping:
		return errors.New("tcp input shut down")
	}
	select {
	case <-in.loopDone:
		return fmt.Errorf("tcp input accept loop stopped: %w", in.loopErr)
	default:
	}
	ctx, cancel := context.WithTimeoutCause(ctx, probeTimeout, errors.New("probe connection not accepted within 1s"))
	defer cancel()
	return in.probe(ctx, ln.Addr())
}

// probe dials addr and waits until the accept loop has claimed the
// connection as a probe.
func (in *Input) probe(ctx context.Context, addr net.Addr) error {
	in.probes.begin()
	c, err := dialSelf(ctx, addr)
	if err != nil {
		in.probes.failed()
		return fmt.Errorf("tcp input probe: %w", err)
	}
	defer c.Close()
	local := addrPort(c.LocalAddr())
	accepted := in.probes.registered(local)
	defer in.probes.forget(local)
	select {
	case <-accepted:
		return nil
	case <-in.loopDone:
		return fmt.Errorf("tcp input accept loop stopped: %w", in.loopErr)
	case <-ctx.Done():
		return fmt.Errorf("tcp input probe: %w", context.Cause(ctx))
	}
}

// dialSelf connects to the listen address, over loopback when the input
// listens on all addresses.
func dialSelf(ctx context.Context, addr net.Addr) (net.Conn, error) {
	ap := addrPort(addr)
	targets := []netip.AddrPort{ap}
	if ap.Addr().IsUnspecified() {
		targets = []netip.AddrPort{
			netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), ap.Port()),
			netip.AddrPortFrom(netip.IPv6Loopback(), ap.Port()),
		}
	}
	var d net.Dialer
	var errs []error
	for _, t := range targets {
		c, err := d.DialContext(ctx, "tcp", t.String())
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

func addrPort(a net.Addr) netip.AddrPort {
	if ta, ok := a.(*net.TCPAddr); ok {
		ap := ta.AddrPort()
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	}
	ap, _ := netip.ParseAddrPort(a.String())
	return ap
}

// probeSet lets the accept loop recognise Check's own connections. A probe's
// source address is known only once its dial returns, possibly after the
// loop accepted it, so while a dial is in flight claim waits for it.
type probeSet struct {
	mu       sync.Mutex
	inflight int
	waiting  map[netip.AddrPort]chan struct{}
	changed  chan struct{} // closed and replaced on every change
}

func newProbeSet() *probeSet {
	return &probeSet{waiting: map[netip.AddrPort]chan struct{}{}, changed: make(chan struct{})}
}

func (p *probeSet) begin() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight++
}

func (p *probeSet) failed() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight--
	p.broadcast()
}

// registered records a dialed probe; the channel closes when it is claimed.
func (p *probeSet) registered(local netip.AddrPort) <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight--
	ch := make(chan struct{})
	p.waiting[local] = ch
	p.broadcast()
	return ch
}

func (p *probeSet) forget(local netip.AddrPort) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.waiting, local)
}

func (p *probeSet) broadcast() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// claim reports whether a connection from remote is a probe, confirming it
// to the waiting Check. It waits at most maxWait, and only while a probe
// dial is in flight.
func (p *probeSet) claim(remote net.Addr, maxWait time.Duration) bool {
	from := addrPort(remote)
	var timeout <-chan time.Time
	for {
		p.mu.Lock()
		if ch, ok := p.waiting[from]; ok {
			close(ch)
			delete(p.waiting, from)
			p.mu.Unlock()
			return true
		}
		if p.inflight == 0 {
			p.mu.Unlock()
			return false
		}
		changed := p.changed
		p.mu.Unlock()
		if timeout == nil {
			t := time.NewTimer(maxWait)
			defer t.Stop()
			timeout = t.C
		}
		select {
		case <-changed:
		case <-timeout:
			return false
		}
	}
}
