package ship

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/logstack/logstack/internal/logfile"
)

// New returns the sender for a destination URL: http(s)://host:port for
// logstack's HTTP input, tcp://host:port for its TCP json_lines input (the
// API key is ignored there: the TCP input authenticates by TLS client
// certificate, not by key).
func New(to, apiKey string, logger *slog.Logger) (logfile.Sink, error) {
	if addr, ok := strings.CutPrefix(to, "tcp://"); ok {
		return NewTCP(TCPConfig{Addr: strings.TrimSuffix(addr, "/")}, logger)
	}
	if strings.HasPrefix(to, "http://") || strings.HasPrefix(to, "https://") {
		return NewHTTP(HTTPConfig{URL: to, APIKey: apiKey}, logger)
	}
	return nil, fmt.Errorf("ship: destination %q: want http://, https:// or tcp://", to)
}
