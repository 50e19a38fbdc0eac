package smtpsink

import "mime"

// mimeDecoder decodes RFC 2047 encoded-words in headers (a subject with
// non-ASCII characters arrives as =?utf-8?q?...?=).
type mimeDecoder = mime.WordDecoder
