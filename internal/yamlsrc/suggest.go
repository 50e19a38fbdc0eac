package yamlsrc

// EditDistance is the Levenshtein distance between a and b in bytes, which
// the loaders use to suggest the known key behind a typo. Keys longer than
// 64 bytes are nobody's typo: the answer is then 65, far beyond any
// suggestion threshold, without the quadratic work.
func EditDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 65
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
