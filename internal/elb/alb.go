package elb

// ALB field numbers (1-based, as AWS documents them) after the fields shared
// with CLB lines. Layouts grew over the years: 18 fields (2016), domain and
// certificate (20), rule priority (21), creation time, actions, redirect and
// error reason (25), target lists (27), classification (29), connection
// trace id (30), transforms (33). Fields after the last known one are
// ignored, as AWS tells parsers to do.
const (
	aType          = 1
	aTargetGroup   = 17
	aTraceID       = 18
	aDomain        = 19
	aChosenCert    = 20
	aRulePriority  = 21
	aCreationTime  = 22
	aActions       = 23
	aRedirect      = 24
	aErrorReason   = 25
	aTargetList    = 26
	aTargetStatus  = 27
	aClass         = 28
	aClassReason   = 29
	aConnTraceID   = 30
	aTransHost     = 31
	aTransURI      = 32
	aTransStatus   = 33
	albKnownFields = 33
	albMinFields   = 18
)

var albFieldNames = map[int]string{
	aType: "type", aTargetGroup: "target_group_arn", aTraceID: "trace_id",
	aDomain: "domain_name", aChosenCert: "chosen_cert_arn",
	aRulePriority: "matched_rule_priority", aCreationTime: "request_creation_time",
	aActions: "actions_executed", aRedirect: "redirect_url", aErrorReason: "error_reason",
	aTargetList: "target:port_list", aTargetStatus: "target_status_code_list",
	aClass: "classification", aClassReason: "classification_reason",
	aConnTraceID: "conn_trace_id", aTransHost: "transformed_host",
	aTransURI: "transformed_uri", aTransStatus: "request_transform_status",
}

func parseALB(b *builder, line string, ts *tokens) error {
	if err := scan(line, albKnownFields, true, ts); err != nil {
		return wrapScan(ALB, err, albName)
	}
	n := ts.n
	if n < albMinFields {
		return fieldErr(ALB, n+1, albName(n+1), token{off: len(line)}, "line ends after %d fields; an ALB line has at least %d", n, albMinFields)
	}
	tok := func(i int) string { return ts.t[i-1].s }
	b.str("aws.elb", "type", tok(aType))
	tcp, err := httpFields(b, ALB, ts, 1, hCount)
	if err != nil {
		return err
	}
	b.str("aws.elb.target_group", "arn", tok(aTargetGroup))
	if id := tok(aTraceID); id != "-" && id != "" {
		boxed := any(id)
		b.set("aws.elb", "trace_id", boxed)
		b.set("trace", "id", boxed)
	}
	opt := func(i int) string {
		if i > n {
			return ""
		}
		return tok(i)
	}
	b.str("destination", "domain", opt(aDomain))
	b.str("aws.elb.chosen_cert", "arn", opt(aChosenCert))
	if p := opt(aRulePriority); p != "" && p != "-" && p != "-1" {
		if !isUint(p) {
			return albErr(ts, aRulePriority, "%q is not a rule priority (an integer, - or -1)", p)
		}
		b.num("aws.elb", "matched_rule_priority", p)
	}
	if c := opt(aCreationTime); c != "" && c != "-" {
		if !isTimestamp(c) {
			return albErr(ts, aCreationTime, "%q is not a valid ISO 8601 date-time", c)
		}
		b.str("event", "start", c)
	}
	b.list("aws.elb", "action_executed", opt(aActions), ',', false)
	b.str("aws.elb", "redirect_url", opt(aRedirect))
	b.str("aws.elb.error", "reason", opt(aErrorReason))
	b.list("aws.elb", "target_port", opt(aTargetList), ' ', false)
	b.list("aws.elb", "target_status_code", opt(aTargetStatus), ' ', true)
	b.str("aws.elb", "classification", opt(aClass))
	b.str("aws.elb", "classification_reason", opt(aClassReason))
	b.str("aws.elb", "conn_trace_id", opt(aConnTraceID))
	b.str("aws.elb", "transformed_host", opt(aTransHost))
	b.str("aws.elb", "transformed_uri", opt(aTransURI))
	b.str("aws.elb", "request_transform_status", opt(aTransStatus))
	outcome(b, tcp)
	return nil
}

func albName(i int) string {
	if i >= 2 && i < 2+hCount {
		return httpFieldNames[i-2]
	}
	if name, ok := albFieldNames[i]; ok {
		return name
	}
	return "unknown"
}

func albErr(ts *tokens, i int, format string, args ...any) error {
	return fieldErr(ALB, i, albName(i), ts.t[i-1], format, args...)
}
