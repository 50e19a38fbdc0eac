package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/logstack/logstack/internal/elb"
)

// stdin is where `logstack parse` reads when given no file; tests replace it.
var stdin io.Reader = os.Stdin

// maxLineBytes bounds one log line; longer lines are reported and skipped so
// memory stays constant whatever the input.
const maxLineBytes = 1 << 20

func runParse(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("parse", stderr)
	format := fs.String("format", "auto", "log layout: auto, clb, alb, nlb or alb-conn")
	noOriginal := fs.Bool("no-original", false, "leave the raw line (event.original) out")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: logstack parse [--format auto|clb|alb|nlb|alb-conn] [--no-original] [FILE...]")
		fmt.Fprintln(stderr, "Turns AWS load-balancer log lines (plain or gzip) into NDJSON events on stdout; stdin when no FILE or FILE is -.")
		fs.PrintDefaults()
	}
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	f, err := elb.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "logstack parse: %v\n", err)
		return 2
	}
	pr := &lineParser{
		parser: elb.NewParser(elb.Options{Format: f, OmitOriginal: *noOriginal}),
		out:    bufio.NewWriterSize(stdout, 64<<10),
		stderr: stderr,
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		if err := pr.file(name); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			pr.failed++
		}
	}
	if err := pr.out.Flush(); err != nil {
		fmt.Fprintf(stderr, "logstack parse: writing output: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "logstack parse: %d events, %d skipped, %d failed\n", pr.events, pr.skipped, pr.failed)
	if pr.failed > 0 {
		return 1
	}
	return 0
}

// lineParser streams lines from files into NDJSON events, counting what it
// could not turn into events.
type lineParser struct {
	parser                  *elb.Parser
	out                     *bufio.Writer
	stderr                  io.Writer
	buf                     []byte
	events, skipped, failed int
}

// file parses one file ("-" is stdin), decompressing it when its content
// starts with the gzip magic number, whatever its name.
func (lp *lineParser) file(name string) error {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, maxLineBytes)
	} else {
		br = bufio.NewReaderSize(br, maxLineBytes)
	}
	key, _ := elb.ParseObjectKey(filepath.ToSlash(name))
	return lp.lines(name, br, key)
}

// lines parses every line of br; key holds what the file's path says when it
// follows the S3 layout (a bucket copied with `aws s3 sync` keeps it).
func (lp *lineParser) lines(name string, br *bufio.Reader, key elb.ObjectKey) error {
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			fmt.Fprintf(lp.stderr, "%s:%d: line longer than %d bytes, skipped\n", name, n, maxLineBytes)
			lp.failed++
			if err = discardLine(br); err == io.EOF {
				return nil
			}
		} else if len(line) > 0 {
			if werr := lp.line(name, n, line, key); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
}

// line parses and writes one line; it returns only output errors. The
// event goes straight from the line to JSON (elb.Parser.AppendJSONWith),
// with the object key's fields when the path follows the S3 layout.
func (lp *lineParser) line(name string, n int, line []byte, key elb.ObjectKey) error {
	line = bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(line)) == 0 {
		return nil
	}
	var extra *elb.Extra
	if key.Account != "" {
		extra = &elb.Extra{Key: key}
	}
	var err error
	lp.buf, err = lp.parser.AppendJSONWith(lp.buf[:0], line, extra)
	switch {
	case errors.Is(err, elb.ErrSkip):
		fmt.Fprintf(lp.stderr, "%s:%d: skipped: %v\n", name, n, err)
		lp.skipped++
		return nil
	case err != nil:
		fmt.Fprintf(lp.stderr, "%s:%d: %v\n", name, n, err)
		lp.failed++
		return nil
	}
	lp.events++
	lp.buf = append(lp.buf, '\n')
	_, err = lp.out.Write(lp.buf)
	return err
}

// discardLine skips the rest of an over-long line.
func discardLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}
