package elb

// CLB lines have 15 fields (12 before user_agent and the TLS fields were
// added in 2015); clbMinFields is the oldest layout.
const (
	clbMinFields = hRequest + 1
	clbFields    = hCount
)

func parseCLB(b *fields, line string, ts *tokens) error {
	if err := scan(line, clbFields, true, ts); err != nil {
		return wrapScan(CLB, err, clbName)
	}
	if ts.n < clbMinFields {
		name := httpFieldNames[ts.n]
		return fieldErr(CLB, ts.n+1, name, token{off: len(line)}, "line ends after %d fields; a CLB line has %d (or %d before 2015)", ts.n, clbFields, clbMinFields)
	}
	tcp, err := httpFields(b, CLB, ts, 0, ts.n)
	if err != nil {
		return err
	}
	outcome(b, tcp)
	return nil
}

func clbName(i int) string {
	if i >= 1 && i <= hCount {
		return httpFieldNames[i-1]
	}
	return "unknown"
}
