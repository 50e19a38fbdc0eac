package yamlsrc

import (
	"errors"
	"fmt"
	"io"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/scanner"
	"github.com/goccy/go-yaml/token"
)

// Parse runs goccy's parser with a bounded tokenizer that stops at the
// first invalid token, turning a panic on hostile input into an error, so
// that a loader answers every file, however malformed.
func Parse(b []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("cannot parse: %v", r)
		}
	}()
	tokens, err := tokenize(string(b))
	if err != nil {
		return nil, err
	}
	return parser.Parse(tokens, 0)
}

// tokenize is lexer.Tokenize stopping at the first invalid token; the loop
// is also bounded, in case a scan makes no progress.
func tokenize(src string) (token.Tokens, error) {
	var s scanner.Scanner
	s.Init(src)
	var tokens token.Tokens
	for range len(src) + 16 {
		sub, err := s.Scan()
		if err == io.EOF {
			return tokens, nil
		}
		var invalid *scanner.InvalidTokenError
		if errors.As(err, &invalid) && invalid.Token != nil {
			return nil, &scanError{msg: invalid.Token.Error, tk: invalid.Token}
		}
		if err != nil {
			return nil, err
		}
		tokens.Add(sub...)
	}
	return nil, errors.New("cannot tokenize")
}

// scanError is an invalid token found by tokenize, shaped like goccy's own
// syntax errors so that SyntaxError locates both.
type scanError struct {
	msg string
	tk  *token.Token
}

func (e *scanError) Error() string          { return e.msg }
func (e *scanError) GetMessage() string     { return e.msg }
func (e *scanError) GetToken() *token.Token { return e.tk }

// SyntaxError splits an error from Parse into its message and position
// (0, 0 when the parser did not say where).
func SyntaxError(err error) (msg string, line, col int) {
	var ye interface {
		GetMessage() string
		GetToken() *token.Token
	}
	if !errors.As(err, &ye) {
		return err.Error(), 0, 0
	}
	if tk := ye.GetToken(); tk != nil && tk.Position != nil {
		line, col = tk.Position.Line, tk.Position.Column
	}
	return ye.GetMessage(), line, col
}
