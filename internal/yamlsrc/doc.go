// Package yamlsrc holds what every YAML file logstack reads has in common:
// a parser that cannot hang or panic on hostile input, and Problem, the
// "file:line:col: path: message" error that editors and CI annotations
// understand. The config, alarm and rule loaders share it so that a user
// sees one error format and one set of parser guarantees everywhere.
package yamlsrc
