package alarmeval

import "errors"

// ErrSelector marks every problem ParseSelector reports, so callers can
// tell a bad metric.internal from a failed evaluation.
var ErrSelector = errors.New("bad internal metric selector")
