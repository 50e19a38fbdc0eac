package elb

import "errors"

// ErrSkip marks lines that are not access-log entries but are expected in a
// log bucket, such as the "Enable AccessLog for ELB: ..." line of the
// ELBAccessLogTestFile control object. Callers count them and move on; they
// are not failures.
var ErrSkip = errors.New("not an access-log entry")

// ErrMalformed marks a line that claims to be a load-balancer log entry but
// does not follow the layout. It is permanent: retrying the same bytes gives
// the same answer. Parse wraps it with the field and offset at fault.
var ErrMalformed = errors.New("malformed load-balancer log line")

// ErrUnknownFormat is returned by ParseFormat for a name it does not know.
var ErrUnknownFormat = errors.New("unknown load-balancer log format")
