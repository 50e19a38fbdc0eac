package config

// Alerting says where alarm and rule files live, per environment (the
// overlay can point staging and production at different directories), so
// `logstack alarms diff --env A --env B` can compare them (docs/LINT.md).
type Alerting struct {
	// AlarmsDir holds alarm files (docs/ALERTING.md); relative to the
	// config file (use Config.AbsPath).
	AlarmsDir string `yaml:"alarms_dir"`
	// RulesDir holds ElastAlert2 rule files (docs/ALERTING-RULES.md).
	RulesDir string `yaml:"rules_dir"`
	// ParityExceptions excuse alarms that differ between environments on
	// purpose; the reason is kept for reviewers.
	ParityExceptions []ParityException `yaml:"parity_exceptions"`
}

// ParityException excuses one alarm from the parity check in one
// environment (Env empty: in every environment).
type ParityException struct {
	Env    string `yaml:"env"`
	Name   string `yaml:"name"`
	Reason string `yaml:"reason"`
}
