package sqsfake

import (
	"fmt"
	"net/http"
	"time"
)

// defaultVisibility is SQS's default visibility timeout.
const defaultVisibility = 30 * time.Second

func (s *Server) receive(w http.ResponseWriter, r *http.Request, in request) {
	max := in.MaxNumberOfMessages
	if max <= 0 {
		max = 1
	}
	if max > 10 {
		fail(w, "InvalidParameterValue", "MaxNumberOfMessages must be from 1 to 10")
		return
	}
	vis := defaultVisibility
	if in.VisibilityTimeout != nil {
		vis = time.Duration(*in.VisibilityTimeout) * time.Second
	}
	deadline := time.NewTimer(time.Duration(in.WaitTimeSeconds) * time.Second)
	defer deadline.Stop()
	for {
		out, next, changed := s.take(queueName(in.QueueURL), max, vis)
		if len(out) > 0 || in.WaitTimeSeconds == 0 {
			reply(w, map[string]any{"Messages": out})
			return
		}
		wake := time.NewTimer(next)
		select {
		case <-r.Context().Done():
			wake.Stop()
			return
		case <-deadline.C:
			wake.Stop()
			reply(w, map[string]any{"Messages": out})
			return
		case <-changed:
		case <-wake.C:
		}
		wake.Stop()
	}
}

// take hands out up to max visible messages, hiding them for vis. It also
// returns when the next hidden message turns visible and a channel closed
// on the next change, for long polling.
func (s *Server) take(name string, max int, vis time.Duration) (out []map[string]any, next time.Duration, changed chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	next = time.Hour
	for _, m := range s.queue(name).msgs {
		if m.visibleAt.After(now) {
			next = min(next, m.visibleAt.Sub(now))
			continue
		}
		if len(out) == max {
			break
		}
		s.seq++
		m.receives++
		m.handle = fmt.Sprintf("%s#%d", m.id, s.seq)
		m.visibleAt = now.Add(vis)
		out = append(out, map[string]any{
			"MessageId":     m.id,
			"ReceiptHandle": m.handle,
			"Body":          m.body,
			"MD5OfBody":     md5Hex(m.body),
			"Attributes":    map[string]string{"ApproximateReceiveCount": itoa(m.receives)},
		})
	}
	return out, next, s.changed
}

func (s *Server) find(name, handle string) (*queue, int) {
	q := s.queue(name)
	for i, m := range q.msgs {
		if m.handle == handle && handle != "" {
			return q, i
		}
	}
	return q, -1
}

func (s *Server) delete(w http.ResponseWriter, in request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, i := s.find(queueName(in.QueueURL), in.ReceiptHandle)
	if i < 0 {
		// SQS accepts deleting an already deleted message's handle.
		reply(w, map[string]any{})
		return
	}
	q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
	q.deleted++
	reply(w, map[string]any{})
}

func (s *Server) changeVisibility(w http.ResponseWriter, in request) {
	if in.VisibilityTimeout == nil || *in.VisibilityTimeout < 0 || *in.VisibilityTimeout > 43200 {
		fail(w, "InvalidParameterValue", "VisibilityTimeout must be from 0 to 43200")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	q, i := s.find(queueName(in.QueueURL), in.ReceiptHandle)
	if i < 0 {
		fail(w, "ReceiptHandleIsInvalid", "unknown receipt handle")
		return
	}
	q.msgs[i].visibleAt = time.Now().Add(time.Duration(*in.VisibilityTimeout) * time.Second)
	s.notify()
	reply(w, map[string]any{})
}
