package lint

// checkOKActions flags alarms that notify on ALARM but not on OK: the
// people paged never learn that the problem resolved, and start ignoring
// the channel. An alarm with no actions at all changes state silently.
func checkOKActions(f alarmFile) []Finding {
	a := f.a
	switch {
	case len(a.AlarmActions) > 0 && len(a.OKActions) == 0:
		return []Finding{f.finding(SeverityWarning, "ok-actions",
			"alarm_actions without ok_actions: nobody is told when the alarm resolves",
			"ok_actions: the same targets as alarm_actions", "alarm_actions")}
	case len(a.AlarmActions) == 0 && len(a.OKActions) == 0 && len(a.InsufficientDataActions) == 0:
		return []Finding{f.finding(SeverityWarning, "ok-actions",
			"the alarm has no actions: its state changes notify nobody",
			"alarm_actions and ok_actions naming a notifier", "name")}
	}
	return nil
}
