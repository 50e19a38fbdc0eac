package queue

import (
	"fmt"
	"log/slog"
	"sync/atomic"
)

// serverLog routes nats-server's log to slog at warning level and above, so
// the embedded server is quiet unless something needs an operator.
type serverLog struct {
	log   *slog.Logger
	fatal atomic.Pointer[string]
}

// Noticef drops informational server messages.
func (l *serverLog) Noticef(string, ...any) {}

// Debugf drops debug server messages.
func (l *serverLog) Debugf(string, ...any) {}

// Tracef drops protocol traces.
func (l *serverLog) Tracef(string, ...any) {}

// Warnf logs a server warning.
func (l *serverLog) Warnf(format string, v ...any) { l.log.Warn(fmt.Sprintf(format, v...)) }

// Errorf logs a server error.
func (l *serverLog) Errorf(format string, v ...any) { l.log.Error(fmt.Sprintf(format, v...)) }

// Fatalf logs a fatal server error and remembers it for the start-up error;
// unlike nats-server's own logger it does not exit the process.
func (l *serverLog) Fatalf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	l.fatal.Store(&msg)
	l.log.Error(msg)
}

// lastFatal returns the last fatal message, to explain a failed start.
func (l *serverLog) lastFatal() string {
	if p := l.fatal.Load(); p != nil {
		return *p
	}
	return "no error reported"
}
