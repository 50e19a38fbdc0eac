package queue

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// connectTimeout bounds the initial connection to an external server.
const connectTimeout = 10 * time.Second

// connect opens the client connection: in-process to the embedded server
// (no TCP even when it also listens), or to cfg.URL. closed is closed when
// the connection is finally closed, so Close can wait for a drain.
func connect(cfg Config, srv *server.Server, logger *slog.Logger, closed chan<- struct{}) (*nats.Conn, error) {
	opts := []nats.Option{
		nats.Name("logstack"),
		nats.Timeout(connectTimeout),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Warn("queue disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			logger.Info("queue reconnected", "url", nc.ConnectedUrlRedacted())
		}),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			logger.Warn("queue connection error", "err", err)
		}),
		nats.ClosedHandler(func(*nats.Conn) { close(closed) }),
	}
	if cfg.Token != "" {
		opts = append(opts, nats.Token(cfg.Token))
	}
	if cfg.CredentialsFile != "" {
		opts = append(opts, nats.UserCredentials(cfg.CredentialsFile))
	}
	url := cfg.URL
	if srv != nil {
		opts = append(opts, nats.InProcessServer(srv))
		url = ""
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: connect: %w", classify(err))
	}
	return nc, nil
}
