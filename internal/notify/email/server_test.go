package email

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// received is one message accepted by the test server.
type received struct {
	user, from string
	to         []string
	data       []byte
	tls        bool
}

// smtpServer is a real SMTP server (emersion/go-smtp) on 127.0.0.1 with a
// self-signed certificate for STARTTLS and PLAIN/LOGIN authentication.
type smtpServer struct {
	host    string
	port    int
	roots   *x509.CertPool
	caPEM   []byte // the self-signed certificate, for ca_file
	user    string
	pass    string
	mechs   []string          // advertised AUTH mechanisms
	rcptErr *gosmtp.SMTPError // answer to RCPT when set

	mu   sync.Mutex
	msgs []received
	auth int // authentication attempts
}

func startSMTP(t *testing.T, withTLS bool, mechs ...string) *smtpServer {
	return startSMTPListener(t, withTLS, false, mechs...)
}

// startSMTPListener starts the server; implicit wraps the listener in TLS
// (SMTPS) instead of offering STARTTLS.
func startSMTPListener(t *testing.T, withTLS, implicit bool, mechs ...string) *smtpServer {
	t.Helper()
	s := &smtpServer{host: "127.0.0.1", user: "alerts@example.com", pass: "SMTPPASSWORD", mechs: mechs}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(c *gosmtp.Conn) (gosmtp.Session, error) {
		return &session{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = false
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	if withTLS {
		cert, pool := selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		s.roots = pool
		s.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]})
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	if implicit {
		l = tls.NewListener(l, srv.TLSConfig)
		srv.TLSConfig = nil // no STARTTLS inside TLS
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

func (s *smtpServer) check(user, pass string) error {
	s.mu.Lock()
	s.auth++
	s.mu.Unlock()
	if user != s.user || pass != s.pass {
		return gosmtp.ErrAuthFailed
	}
	return nil
}

type session struct {
	srv  *smtpServer
	conn *gosmtp.Conn
	user string
	msg  received
}

func (s *session) AuthMechanisms() []string { return s.srv.mechs }

func (s *session) Auth(mech string) (sasl.Server, error) {
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(identity, user, pass string) error {
			if err := s.srv.check(user, pass); err != nil {
				return err
			}
			s.user = user
			return nil
		}), nil
	case sasl.Login:
		return &loginServer{check: func(user, pass string) error {
			if err := s.srv.check(user, pass); err != nil {
				return err
			}
			s.user = user
			return nil
		}}, nil
	}
	return nil, gosmtp.ErrAuthUnsupported
}

func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	if s.srv.user != "" && s.user == "" && len(s.srv.mechs) > 0 {
		return gosmtp.ErrAuthRequired
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.msg = received{user: s.user, from: from, tls: isTLS}
	return nil
}

func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	if s.srv.rcptErr != nil {
		return s.srv.rcptErr
	}
	s.msg.to = append(s.msg.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.msg.data = b
	s.srv.mu.Lock()
	s.srv.msgs = append(s.srv.msgs, s.msg)
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.msg = received{} }
func (s *session) Logout() error { return nil }

// loginServer is the server side of the LOGIN mechanism, which go-sasl lacks.
type loginServer struct {
	check func(user, pass string) error
	user  string
	step  int
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	switch l.step++; l.step {
	case 1:
		if len(resp) > 0 {
			l.user, l.step = string(resp), 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(resp)
		return []byte("Password:"), false, nil
	case 3:
		return nil, true, l.check(l.user, string(resp))
	}
	return nil, false, errors.New("unexpected LOGIN step")
}

// selfSigned makes a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "logstack test smtp"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// config points a notifier at s.
func (s *smtpServer) config() Config {
	return Config{
		Host: s.host, Port: s.port, TLSConfig: &tls.Config{RootCAs: s.roots},
		Username: s.user, Password: s.pass, From: "logstack <alerts@example.com>",
		To: []string{"oncall@example.com", "Team <team@example.com>"},
	}
}
