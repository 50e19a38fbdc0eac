package api

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/logstack/logstack/internal/alert"
	"github.com/logstack/logstack/internal/timeexpr"
)

// Bounds of a silence.
const (
	// maxMatchers caps the matchers of one silence.
	maxMatchers = 32
	// maxSilence caps a silence's length: a year is a typo or a rule that
	// should be changed, and it keeps start + duration far from overflow.
	maxSilence = 366 * 24 * time.Hour
)

// newSilence checks a create request and returns the silence to store,
// without its ID. A start in the past becomes now, as in Alertmanager: a
// silence cannot suppress what was already sent.
func newSilence(req SilenceRequest, now time.Time) (alert.Silence, error) {
	s := alert.Silence{StartsAt: req.StartsAt, Reason: strings.TrimSpace(req.Reason), Author: strings.TrimSpace(req.Author)}
	if req.ID != "" {
		return s, &requestError{Param: "id", Err: errors.New("is assigned by the server (to change a silence, expire it and create another)")}
	}
	var err error
	if s.Matchers, err = checkMatchers(req.Matchers); err != nil {
		return s, err
	}
	if s.StartsAt.IsZero() || s.StartsAt.Before(now) {
		s.StartsAt = now
	}
	if s.ExpiresAt, err = expiry(req, s.StartsAt); err != nil {
		return s, err
	}
	switch {
	case s.Reason == "":
		return s, &requestError{Param: "reason", Err: errRequired}
	case s.Author == "":
		return s, &requestError{Param: "author", Err: errRequired}
	}
	return s, nil
}

// checkMatchers wants at least one matcher, each with a name (rule,
// query_key or a label name) and a value, and no name twice (two values
// for one name would match nothing).
func checkMatchers(ms []alert.Matcher) ([]alert.Matcher, error) {
	switch {
	case len(ms) == 0:
		return nil, &requestError{Param: "matchers", Err: errors.New("required: at least one of rule, query_key or a label name with a value")}
	case len(ms) > maxMatchers:
		return nil, &requestError{Param: "matchers", Err: fmt.Errorf("%d matchers, at most %d", len(ms), maxMatchers)}
	}
	out := make([]alert.Matcher, len(ms))
	seen := map[string]bool{}
	for i, m := range ms {
		param := fmt.Sprintf("matchers[%d]", i)
		switch {
		case m.Name == "":
			return nil, &requestError{Param: param + ".name", Err: errors.New("required: rule, query_key or a label name")}
		case strings.ContainsFunc(m.Name, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }):
			return nil, &requestError{Param: param + ".name", Err: fmt.Errorf("%q contains a space or control character", m.Name)}
		case m.Value == "":
			return nil, &requestError{Param: param + ".value", Err: errRequired}
		case seen[m.Name]:
			return nil, &requestError{Param: param + ".name", Err: fmt.Errorf("%q given twice", m.Name)}
		}
		seen[m.Name] = true
		out[i] = m
	}
	return out, nil
}

// expiry reads exactly one of expires_at and duration.
func expiry(req SilenceRequest, start time.Time) (time.Time, error) {
	if req.ExpiresAt.IsZero() == (req.Duration == "") {
		return time.Time{}, &requestError{Param: "expires_at", Err: errors.New("give exactly one of expires_at and duration")}
	}
	if req.Duration != "" {
		d, err := timeexpr.ParseDuration(req.Duration)
		if err != nil || d <= 0 || d > maxSilence {
			return time.Time{}, &requestError{Param: "duration", Err: fmt.Errorf("want a positive duration up to %s such as 2h, got %q", maxSilence, req.Duration)}
		}
		return start.Add(d), nil
	}
	switch {
	case !req.ExpiresAt.After(start):
		return time.Time{}, &requestError{Param: "expires_at", Err: fmt.Errorf("%s is not after starts_at %s", req.ExpiresAt.UTC().Format(timeFormat), start.UTC().Format(timeFormat))}
	case req.ExpiresAt.Sub(start) > maxSilence:
		return time.Time{}, &requestError{Param: "expires_at", Err: fmt.Errorf("%s is more than %s after starts_at", req.ExpiresAt.UTC().Format(timeFormat), maxSilence)}
	}
	return req.ExpiresAt, nil
}
