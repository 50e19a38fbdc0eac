package config

import (
	"slices"
)

// Roles a process can run (config key role, flag serve --role). One
// binary and one config serve every role, so scaling out is a matter of
// starting more processes with a different role (docs/SCALE-OUT.md).
const (
	// RoleAll runs everything in one process: inputs, queue, indexer,
	// store and search API (the single-node default).
	RoleAll = "all"
	// RoleBroker runs the inputs and publishes to the shared queue; it
	// opens no store.
	RoleBroker = "broker"
	// RoleIndexer consumes the shared queue into the store and serves the
	// search API; it runs no inputs.
	RoleIndexer = "indexer"
	// RoleAlerter evaluates alert rules and alarms against the shared store
	// and sends notifications; several may run, one is active (a lease in
	// the queue's NATS JetStream).
	RoleAlerter = "alerter"
)

// Roles lists every valid role, for flags, errors and docs.
var Roles = []string{RoleAll, RoleBroker, RoleIndexer, RoleAlerter}

// RunsInputs reports whether the role accepts events (HTTP, TCP, S3).
func (c *Config) RunsInputs() bool { return c.Role == RoleAll || c.Role == RoleBroker }

// RunsIndexer reports whether the role consumes the queue into the store.
func (c *Config) RunsIndexer() bool {
	return (c.Role == RoleAll || c.Role == RoleIndexer) && c.Indexer.Enabled
}

// OpensStore reports whether the role needs the store (indexing, search,
// alert evaluation).
func (c *Config) OpensStore() bool { return c.Role != RoleBroker }

// OpensQueue reports whether the role needs the queue's NATS server: every
// role does, the alerter for its state and lease (JetStream key-value).
func (c *Config) OpensQueue() bool { return true }

// RunsAlerter reports whether the process evaluates rules and alarms: the
// alerter role always, the single-process role when rule or alarm files
// are configured.
func (c *Config) RunsAlerter() bool {
	if c.Role == RoleAll {
		return c.Alerting.RulesDir != "" || c.Alerting.AlarmsDir != ""
	}
	return c.Role == RoleAlerter
}

// role checks the role and what it requires: every role but all shares
// the queue with other processes, so it must be an external server; an
// embedded queue would be private to one process.
func (v *validator) role() {
	c := v.c
	v.oneOf("role", c.Role, Roles...)
	if c.Role == RoleAll || !slices.Contains(Roles, c.Role) {
		return
	}
	if c.Queue.URL == "" {
		v.fail("role", "role %s shares the queue with other processes and needs queue.url (an external NATS JetStream server; comma-separated for a cluster)", c.Role)
	}
	if c.Role == RoleAlerter && c.Store.Type != "elasticsearch" {
		v.fail("store.type", "role alerter queries the store other processes index, so it needs store.type elasticsearch (a DuckDB file belongs to the one process that indexes it; run the alerter inside role all instead)")
	}
	if c.Role == RoleIndexer && !c.Indexer.Enabled {
		v.fail("indexer.enabled", "must be true for role indexer")
	}
}
