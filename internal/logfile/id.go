package logfile

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
)

// idEncoding writes ids in the same alphabet as event.NewID (Crockford
// base32, lower case), 26 characters for 128 bits.
var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// idMaker derives event ids from an object's identity and a line number, so
// that the same line of the same object always gets the same id and the
// store drops a redelivered copy.
type idMaker struct {
	buf    []byte
	prefix int
}

func newIDMaker(obj Object) *idMaker {
	buf := append([]byte("logfile\x00"), obj.identity()...)
	buf = append(buf, 0)
	return &idMaker{buf: buf, prefix: len(buf)}
}

// id returns the event id of line n (1-based).
func (m *idMaker) id(n int) string {
	m.buf = strconv.AppendInt(m.buf[:m.prefix], int64(n), 10)
	sum := sha256.Sum256(m.buf)
	return idEncoding.EncodeToString(sum[:16])
}
