package logfile

// maxErrors is how many error messages a Summary keeps (the last ones).
const maxErrors = 5

// Summary counts what processing did; it is what `logstack ingest` prints
// and what the Lambda function returns, so that a lost or partial file shows
// up in numbers instead of silence.
type Summary struct {
	Objects      int      `json:"objects"`       // objects processed to the end
	Skipped      int      `json:"skipped"`       // objects skipped by key (test files, non-log keys)
	Lines        int      `json:"lines"`         // lines read, control lines included
	Events       int      `json:"events"`        // events delivered, parse failures included
	BadLines     int      `json:"bad_lines"`     // lines that did not parse (delivered tagged)
	Bytes        int64    `json:"bytes"`         // uncompressed bytes read
	Retries      int      `json:"retries"`       // delivery attempts repeated by the Sink
	ConnFailures int      `json:"conn_failures"` // connections the Sink could not open or lost
	Failed       int      `json:"failed"`        // objects whose processing returned an error
	Errors       []string `json:"errors,omitempty"`
}

// Add folds o into s, keeping the last maxErrors error messages.
func (s *Summary) Add(o Summary) {
	s.Objects += o.Objects
	s.Skipped += o.Skipped
	s.Lines += o.Lines
	s.Events += o.Events
	s.BadLines += o.BadLines
	s.Bytes += o.Bytes
	s.Retries += o.Retries
	s.ConnFailures += o.ConnFailures
	s.Failed += o.Failed
	for _, e := range o.Errors {
		s.addError(e)
	}
}

// addError records msg, forgetting the oldest beyond maxErrors.
func (s *Summary) addError(msg string) {
	s.Errors = append(s.Errors, msg)
	if n := len(s.Errors); n > maxErrors {
		s.Errors = append(s.Errors[:0:0], s.Errors[n-maxErrors:]...)
	}
}

// OK reports whether nothing failed: no object error and no bad line.
func (s Summary) OK() bool { return s.Failed == 0 && s.BadLines == 0 }
