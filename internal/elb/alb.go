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

func parseALB(b *fields, line string, ts *tokens) error {
	if err := scan(line, albKnownFields, true, ts); err != nil {
		return wrapScan(ALB, err, albName)
	}
	n := ts.n
	if n < albMinFields {
		return fieldErr(ALB, n+1, albName(n+1), token{off: len(line)}, "line ends after %d fields; an ALB line has at least %d", n, albMinFields)
	}
	tok := func(i int) string { return ts.t[i-1].s }
	b.str(fELBType, tok(aType))
	tcp, err := httpFields(b, ALB, ts, 1, hCount)
	if err != nil {
		return err
	}
	b.str(fTargetGroupARN, tok(aTargetGroup))
	b.str(fELBTraceID, tok(aTraceID))
	b.str(fTraceID, tok(aTraceID))
	opt := func(i int) string {
		if i > n {
			return ""
		}
		return tok(i)
	}
	b.str(fDestDomain, opt(aDomain))
	b.str(fChosenCertARN, opt(aChosenCert))
	if p := opt(aRulePriority); p != "" && p != "-" && p != "-1" {
		if !isUint(p) {
			return albErr(ts, aRulePriority, "%q is not a rule priority (an integer, - or -1)", p)
		}
		b.num(fRulePriority, p)
	}
	if c := opt(aCreationTime); c != "" && c != "-" {
		if !isTimestamp(c) {
			return albErr(ts, aCreationTime, "%q is not a valid ISO 8601 date-time", c)
		}
		b.str(fEventStart, c)
	}
	b.list(fActions, opt(aActions), ',', false)
	b.str(fRedirectURL, opt(aRedirect))
	b.str(fErrorReason, opt(aErrorReason))
	b.list(fTargetPort, opt(aTargetList), ' ', false)
	b.list(fTargetStatus, opt(aTargetStatus), ' ', true)
	b.str(fClassification, opt(aClass))
	b.str(fClassReason, opt(aClassReason))
	b.str(fConnTraceID, opt(aConnTraceID))
	b.str(fTransformedHost, opt(aTransHost))
	b.str(fTransformedURI, opt(aTransURI))
	b.str(fTransformStatus, opt(aTransStatus))
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
