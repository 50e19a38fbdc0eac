package s3notify

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// DeadLetter is a notification or object logstack gave up on, with why.
type DeadLetter struct {
	Time   time.Time `json:"time"`
	Input  string    `json:"input"`
	Ref    string    `json:"ref,omitempty"` // SQS message id, SNS message id or request id
	Reason string    `json:"reason"`
	Object *Object   `json:"object,omitempty"`
	Body   string    `json:"body,omitempty"` // the unparsable body, truncated to 64 KiB
}

// DeadLetters keeps dead letters durably; Record returns nil only once the
// letter is stored, so the input can then acknowledge the notification.
type DeadLetters interface {
	Record(ctx context.Context, dl DeadLetter) error
}

// FileDeadLetters appends dead letters as JSON lines to a file and syncs it
// before returning, so an operator can read them with jq and replay the
// objects (logstack never deletes the file).
type FileDeadLetters struct {
	path string
	mu   sync.Mutex
	now  func() time.Time
}

// NewFileDeadLetters returns a dead-letter log at path; the file and its
// directory are created on the first Record.
func NewFileDeadLetters(path string) *FileDeadLetters {
	return &FileDeadLetters{path: path, now: time.Now}
}

// Path is the file the letters go to.
func (f *FileDeadLetters) Path() string { return f.path }

// Record appends dl with the current time.
func (f *FileDeadLetters) Record(_ context.Context, dl DeadLetter) error {
	dl.Time = f.now().UTC()
	line, err := json.Marshal(dl)
	if err != nil {
		return fmt.Errorf("encode dead letter: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return fmt.Errorf("dead-letter directory: %w", err)
	}
	fh, err := os.OpenFile(f.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("open dead-letter log: %w", err)
	}
	_, werr := fh.Write(append(line, '\n'))
	if werr == nil {
		werr = fh.Sync()
	}
	if cerr := fh.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write dead-letter log %s: %w", f.path, werr)
	}
	return nil
}
