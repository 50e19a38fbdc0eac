package logfile

// chunk is a run of consecutive raw lines, copied out of the read buffer so
// that a worker can parse them while the reader goes on. Its bounds are the
// batch bounds: one chunk becomes one Deliver call.
type chunk struct {
	first int // line number of refs[0]
	text  []byte
	refs  []lineRef
}

type lineRef struct {
	end    int // in text
	offset int64
	size   int
}

// lineOverhead approximates the bytes an event adds beyond its raw line
// (fields from the key, ids), so that a file of short lines still flushes.
const lineOverhead = 128

func newChunk(first int, cfg Config) *chunk {
	return &chunk{first: first, text: make([]byte, 0, cfg.BatchBytes/2), refs: make([]lineRef, 0, min(cfg.BatchEvents, 4096))}
}

func (c *chunk) add(l line) {
	c.text = append(c.text, l.text...)
	c.refs = append(c.refs, lineRef{end: len(c.text), offset: l.offset, size: l.size})
}

// full reports whether the chunk reached a batch bound.
func (c *chunk) full(cfg Config) bool {
	return len(c.refs) >= cfg.BatchEvents || len(c.text)+len(c.refs)*lineOverhead >= cfg.BatchBytes
}

func (c *chunk) len() int { return len(c.refs) }

// line returns the i-th line and its number.
func (c *chunk) line(i int) (int, line) {
	start := 0
	if i > 0 {
		start = c.refs[i-1].end
	}
	r := c.refs[i]
	return c.first + i, line{text: c.text[start:r.end:r.end], offset: r.offset, size: r.size}
}
