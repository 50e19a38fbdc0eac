// Package health answers /healthz and /readyz. Readiness is the sum of
// named checks, one per component, so that a dead input (the reference
// team's TCP input that black-holed events behind a green HTTP check) or a
// stalled indexer takes the process out of rotation and says which part is
// at fault.
package health
