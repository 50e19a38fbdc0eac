package sqsfake

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is an in-memory SQS endpoint; serve it with httptest.NewServer and
// point the SDK's BaseEndpoint at it. Queues exist from the first use of
// their name (the last path segment of the queue URL).
type Server struct {
	mu      sync.Mutex
	queues  map[string]*queue
	changed chan struct{} // closed and replaced on every send or visibility change
	seq     int
}

type queue struct {
	msgs    []*message
	deleted int
}

type message struct {
	id, body, handle string
	visibleAt        time.Time
	receives         int
}

// New returns an empty fake SQS server.
func New() *Server {
	return &Server{queues: map[string]*queue{}, changed: make(chan struct{})}
}

// QueueURL is the URL of the named queue under endpoint, in AWS's shape.
func QueueURL(endpoint, name string) string {
	return strings.TrimRight(endpoint, "/") + "/000000000000/" + name
}

// Send enqueues body on the named queue, as SendMessage does.
func (s *Server) Send(name, body string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	m := &message{id: fmt.Sprintf("msg-%06d", s.seq), body: body}
	q := s.queue(name)
	q.msgs = append(q.msgs, m)
	s.notify()
	return m.id
}

// Len is how many messages of the named queue are not deleted yet.
func (s *Server) Len(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue(name).msgs)
}

// Deleted is how many messages of the named queue were deleted.
func (s *Server) Deleted(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queue(name).deleted
}

func (s *Server) queue(name string) *queue {
	q := s.queues[name]
	if q == nil {
		q = &queue{}
		s.queues[name] = q
	}
	return q
}

func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func queueName(url string) string {
	return url[strings.LastIndexByte(url, '/')+1:]
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// ServeHTTP dispatches on X-Amz-Target as the JSON 1.0 protocol does.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target := r.Header.Get("X-Amz-Target")
	var in request
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		fail(w, "InvalidParameterValue", "request body: "+err.Error())
		return
	}
	if in.QueueURL == "" {
		fail(w, "MissingParameter", "QueueUrl is required")
		return
	}
	switch target {
	case "AmazonSQS.SendMessage":
		id := s.Send(queueName(in.QueueURL), in.MessageBody)
		reply(w, map[string]string{"MessageId": id, "MD5OfMessageBody": md5Hex(in.MessageBody)})
	case "AmazonSQS.ReceiveMessage":
		s.receive(w, r, in)
	case "AmazonSQS.DeleteMessage":
		s.delete(w, in)
	case "AmazonSQS.ChangeMessageVisibility":
		s.changeVisibility(w, in)
	default:
		fail(w, "UnsupportedOperation", "the fake does not implement "+target)
	}
}

// request holds the fields of every implemented operation.
type request struct {
	QueueURL            string `json:"QueueUrl"`
	MessageBody         string `json:"MessageBody"`
	MaxNumberOfMessages int    `json:"MaxNumberOfMessages"`
	WaitTimeSeconds     int    `json:"WaitTimeSeconds"`
	VisibilityTimeout   *int   `json:"VisibilityTimeout"`
	ReceiptHandle       string `json:"ReceiptHandle"`
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("x-amzn-query-error", "AWS.SimpleQueueService."+code+";Sender")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": "com.amazonaws.sqs#" + code, "message": msg})
}

func itoa(n int) string { return strconv.Itoa(n) }
