package config

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Byte size units: decimal (KB = 1000) and binary (KiB = 1024), as written
// in the config file.
const (
	KB  ByteSize = 1000
	MB  ByteSize = 1000 * KB
	GB  ByteSize = 1000 * MB
	TB  ByteSize = 1000 * GB
	PB  ByteSize = 1000 * TB
	KiB ByteSize = 1 << 10
	MiB ByteSize = 1 << 20
	GiB ByteSize = 1 << 30
	TiB ByteSize = 1 << 40
	PiB ByteSize = 1 << 50
)

// byteUnits lists every unit ParseByteSize accepts, in ascending size so
// String can pick the largest exact one.
var byteUnits = []struct {
	name string
	size ByteSize
}{
	{"B", 1}, {"KB", KB}, {"KiB", KiB}, {"MB", MB}, {"MiB", MiB},
	{"GB", GB}, {"GiB", GiB}, {"TB", TB}, {"TiB", TiB}, {"PB", PB}, {"PiB", PiB},
}

// ByteSize is a number of bytes that reads and writes as a readable string
// ("512KiB", "10MiB", "1GB", or plain bytes "1024") in the config file.
type ByteSize int64

// Int64 returns the size in bytes.
func (b ByteSize) Int64() int64 { return int64(b) }

// String formats b with the largest unit that divides it exactly ("10MiB",
// "1GB", "1500B"), so ParseByteSize reads back the same value.
func (b ByteSize) String() string {
	if b <= 0 {
		return strconv.FormatInt(int64(b), 10)
	}
	best := byteUnits[0]
	for _, u := range byteUnits[1:] {
		if b%u.size == 0 {
			best = u
		}
	}
	return strconv.FormatInt(int64(b/best.size), 10) + best.name
}

// MarshalYAML writes the size as its String form, and a size without a
// unit (zero) as a plain number.
func (b ByteSize) MarshalYAML() (any, error) {
	if b <= 0 {
		return int64(b), nil
	}
	return b.String(), nil
}

// MarshalText writes the size as its String form, for JSON and flags.
func (b ByteSize) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads a size in ParseByteSize's syntax.
func (b *ByteSize) UnmarshalText(text []byte) error {
	v, err := ParseByteSize(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// ParseByteSize parses a non-negative size: a number (fractions allowed
// when the result is a whole number of bytes), an optional space, and an
// optional case-insensitive unit: B, KB, MB, GB, TB, PB (powers of 1000) or
// KiB, MiB, GiB, TiB, PiB (powers of 1024). No unit means bytes.
func ParseByteSize(s string) (ByteSize, error) {
	i := 0
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, unit := s[:i], strings.TrimPrefix(s[i:], " ")
	size, ok := unitSize(unit)
	if !ok {
		return 0, fmt.Errorf("invalid byte size %q: unknown unit %q (use B, KB, KiB, MB, MiB, GB, GiB, TB, TiB)", s, unit)
	}
	whole, frac, hasDot := strings.Cut(num, ".")
	if whole == "" || (hasDot && frac == "") || strings.Contains(frac, ".") {
		return 0, fmt.Errorf("invalid byte size %q", s)
	}
	n, _ := new(big.Int).SetString(whole+frac, 10)
	n.Mul(n, big.NewInt(int64(size)))
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(frac))), nil)
	q, r := n.QuoRem(n, scale, new(big.Int))
	if r.Sign() != 0 {
		return 0, fmt.Errorf("invalid byte size %q: not a whole number of bytes", s)
	}
	if !q.IsInt64() {
		return 0, fmt.Errorf("invalid byte size %q: out of range", s)
	}
	return ByteSize(q.Int64()), nil
}

// unitSize returns the size of a unit name; "" means bytes.
func unitSize(unit string) (ByteSize, bool) {
	if unit == "" {
		return 1, true
	}
	for _, u := range byteUnits {
		if strings.EqualFold(unit, u.name) {
			return u.size, true
		}
	}
	return 0, false
}
