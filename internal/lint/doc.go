// Package lint finds the mistakes in alarm files (internal/alarm) and rule
// files (internal/rule) that load fine but will not behave as their authors
// expect: statistics that can never reach a threshold on counted events,
// flapping averages over host counts, alarms that never say "resolved",
// thresholds that can never or always breach, and rules that can flood a
// channel. Static checks need only the files; history checks (History) ask
// a store how often a query matched, so they run only when one is given.
//
// Every check is a small function returning Findings with file:line, a
// severity and a suggested fix, so `logstack lint` can gate CI on errors
// and editors can jump to the line.
package lint
