package elb

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// appendObject writes the object n from f's present slots: keys in tree
// order (sorted), objects without a present leaf left out, exactly as
// event.AppendJSON writes the map Parse builds from the same slots.
func appendObject(dst []byte, n *node, f *fields) []byte {
	dst = append(dst, '{')
	first := true
	for i := range n.kids {
		k := &n.kids[i]
		if k.kids == nil {
			if !f.present.has(k.id) {
				continue
			}
		} else if !f.present.overlaps(k.under) {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, k.key...)
		if k.kids != nil {
			dst = appendObject(dst, k, f)
			continue
		}
		dst = appendValue(dst, k.id, f)
	}
	return append(dst, '}')
}

// appendValue writes one leaf's value.
func appendValue(dst []byte, id fieldID, f *fields) []byte {
	s := f.v[id]
	switch s.k {
	case kNumber:
		return append(dst, s.s...)
	case kInt:
		return strconv.AppendInt(dst, f.offset, 10)
	case kList, kCodes:
		dst = append(dst, '[')
		first := true
		for part := range listParts(s) {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			if s.k == kCodes && isUint(part) {
				dst = append(dst, part...)
			} else {
				dst = appendString(dst, part)
			}
		}
		return append(dst, ']')
	case kALPN:
		dst = append(dst, '[')
		first := true
		for item := range alpnItems(s.s) {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = appendString(dst, item)
		}
		return append(dst, ']')
	}
	if id == fTimestamp && f.normalStamp {
		return appendNormalStamp(dst, s.s)
	}
	if f.plain && s.k == kString {
		if f.quoteFree && id != fEventOriginal {
			dst = append(dst, '"')
			dst = append(dst, s.s...)
			return append(dst, '"')
		}
		return appendPlain(dst, s.s)
	}
	return appendString(dst, s.s)
}

// appendPlain writes a string that holds no byte but '"' that JSON would
// escape (see fields.plain): runs between quotes are copied whole.
func appendPlain(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, '\\', '"')
		s = s[i+1:]
	}
	dst = append(dst, s...)
	return append(dst, '"')
}

// isPlain reports whether s holds no control byte, backslash or non-ASCII
// byte, so that every substring of it is a JSON string once its quotes are
// escaped.
func isPlain(s []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		backslash := w ^ (ones * '\\')
		if (w|(w-ones*0x20)&^w|(backslash-ones)&^backslash)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '\\' {
			return false
		}
	}
	return true
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string the way encoding/json does with
// HTML escaping off (event.AppendJSON's rules): \" \\ \b \f \n \r \t,
// other control bytes as \u00XX, invalid UTF-8 bytes as \ufffd, U+2028 and
// U+2029 escaped, everything else as is.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	// A read-only byte view of s, for the 8-byte loads of plain8.
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(b) && plain8(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendNormalStamp writes a timestamp the parsers have validated
// (2018-07-02T22:23:00.186641Z, or without fraction or zone) as
// event.FormatTimestamp writes it: UTC, "Z", the fraction without trailing
// zeros and without the dot when nothing is left, so the line needs no
// further event.Normalize.
func appendNormalStamp(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = append(dst, s[:19]...)
	frac := s[19:]
	if len(frac) > 0 && frac[len(frac)-1] == 'Z' {
		frac = frac[:len(frac)-1]
	}
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) > 1 { // more than the dot
		dst = append(dst, frac...)
	}
	return append(dst, 'Z', '"')
}

// plain8 reports whether the 8 bytes of w need no escaping: none is a
// control byte, '"', '\\' or above 0x7f. It tests all eight at once
// (the "has a byte less than n" and "has a zero byte" word tricks, which
// never miss such a byte); a byte it flags is handled one at a time by
// appendString.
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return (w|(w-ones*0x20)&^w|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs == 0
}
