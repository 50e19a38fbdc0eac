package tcpin

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/logstack/logstack/internal/event"
)

// aLongTimeAgo is a deadline in the past: it wakes a blocked Read at once.
var aLongTimeAgo = time.Unix(1, 0)

// conn is one client connection, served by one goroutine: read a line, add
// it to the batch, publish the batch when full or due. Not reading while a
// publish is retried is what pushes backpressure to the sender.
type conn struct {
	in *Input
	c  net.Conn
	lr lineReader

	batch []event.Event
	first time.Time // when the batch's first line arrived
	lost  bool      // events were lost: reset instead of closing cleanly
	acked int       // events of this connection made durable so far

	mu       sync.Mutex
	stopping bool
	deadline time.Time
}

func newConn(in *Input, c net.Conn) *conn {
	r := bufio.NewReaderSize(countingReader{c, in}, 64<<10)
	return &conn{in: in, c: c, lr: lineReader{r: r, max: in.cfg.MaxLineBytes}}
}

// serve reads until EOF, an error or shutdown, then publishes what it holds
// and closes the connection.
func (cn *conn) serve() {
	defer cn.close()
	for {
		cn.setDeadline(cn.batchDeadline())
		line, cut, err := cn.lr.next()
		if line != nil {
			cn.add(line, cut)
		}
		if len(cn.batch) >= cn.in.cfg.BatchEvents || (len(cn.batch) > 0 && !time.Now().Before(cn.batchDeadline())) {
			if !cn.flush() {
				return
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded) && !cn.isStopping():
			// the batch deadline: flushed above
		default:
			// EOF, shutdown, or a broken connection: what was received in
			// full is still published
			if !errors.Is(err, io.EOF) && !errors.Is(err, os.ErrDeadlineExceeded) {
				cn.in.log.Debug("connection read failed", "remote", cn.c.RemoteAddr().String(), "err", err)
			}
			if cn.flush() && errors.Is(err, io.EOF) {
				cn.acknowledge()
			}
			return
		}
	}
}

func (cn *conn) batchDeadline() time.Time {
	if len(cn.batch) == 0 {
		return time.Time{}
	}
	return cn.first.Add(cn.in.cfg.BatchWait)
}

// add turns a line into an event; lines that are not JSON objects are kept
// as Logstash keeps them.
func (cn *conn) add(line []byte, cut bool) {
	var e event.Event
	switch {
	case cut:
		cn.in.m.longLines.Inc()
		cn.in.m.parseFailures.Inc()
		e = unparsed(line, "_jsonparsefailure", "_linetoolong")
	case isBlank(line):
		return
	default:
		var err error
		if e, err = event.Parse(line, cn.in.cfg.Limits); err != nil {
			cn.in.m.parseFailures.Inc()
			e = unparsed(line, "_jsonparsefailure")
		}
	}
	if len(cn.batch) == 0 {
		cn.first = time.Now()
	}
	cn.batch = append(cn.batch, e)
}

func unparsed(line []byte, tags ...any) event.Event {
	return event.Event{
		event.FieldMessage: strings.ToValidUTF8(string(line), "\uFFFD"),
		event.FieldTags:    tags,
	}
}

func isBlank(b []byte) bool { return len(strings.TrimSpace(string(b))) == 0 }

// flush publishes the batch, retrying until it is durable or the shutdown
// deadline passes; it reports whether the connection may go on.
func (cn *conn) flush() bool {
	if len(cn.batch) == 0 {
		return true
	}
	batch := cn.batch
	cn.batch = nil
	if err := cn.in.publish(batch); err != nil {
		cn.lost = true
		return false
	}
	cn.acked += len(batch)
	return true
}

// acknowledge tells a sender that half-closed its side how many events of
// the connection are durable, before the server closes its side. A bare
// close is no proof: the kernel also closes cleanly for a process killed
// after reading everything, so the line is the only real receipt. Senders
// that never read (plain json_lines clients) are unaffected.
func (cn *conn) acknowledge() {
	_ = cn.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := fmt.Fprintf(cn.c, "{\"acknowledged\":%d}\n", cn.acked); err != nil {
		cn.in.log.Debug("acknowledgement not delivered", "remote", cn.c.RemoteAddr().String(), "err", err)
	}
}

// stop makes the connection stop reading: its blocked Read returns at once.
func (cn *conn) stop() {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	cn.stopping = true
	cn.deadline = aLongTimeAgo
	_ = cn.c.SetReadDeadline(aLongTimeAgo)
}

func (cn *conn) isStopping() bool {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	return cn.stopping
}

// setDeadline arms the read deadline, unless stop already moved it to the
// past (the lock orders the two).
func (cn *conn) setDeadline(t time.Time) {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	if cn.stopping || t.Equal(cn.deadline) {
		return
	}
	cn.deadline = t
	_ = cn.c.SetReadDeadline(t)
}

// close closes the connection cleanly only when everything received was
// published; otherwise it resets it so that the sender cannot mistake the
// close for the delivery confirmation described in the package doc.
func (cn *conn) close() {
	if cn.lost || cn.lr.pending() {
		if tc := tcpConn(cn.c); tc != nil {
			_ = tc.SetLinger(0)
		}
	}
	_ = cn.c.Close()
}

func tcpConn(c net.Conn) *net.TCPConn {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	tc, _ := c.(*net.TCPConn)
	return tc
}

// countingReader counts the bytes read from a connection.
type countingReader struct {
	c  net.Conn
	in *Input
}

func (r countingReader) Read(p []byte) (int, error) {
	n, err := r.c.Read(p)
	r.in.m.bytes.Add(float64(n))
	return n, err
}
