package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func runSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("search", stderr)
	server := fs.String("server", envOr("LOGSTACK_SERVER", "http://127.0.0.1:9280"), "logstack URL ($LOGSTACK_SERVER)")
	apiKey := fs.String("api-key", "", "API key (default $LOGSTACK_API_KEY)")
	since := fs.String("since", "", "search the last DURATION (e.g. 15m, 1h, 7d)")
	from := fs.String("from", "", "start time (RFC 3339, date, or now-1h style)")
	to := fs.String("to", "", "end time")
	limit := fs.Int("limit", 100, "maximum hits")
	sort := fs.String("sort", "desc", "asc or desc by @timestamp")
	out := fs.String("o", "json", "output: json (NDJSON, one hit per line) or table")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) > 1 {
		fmt.Fprintln(stderr, "logstack search: give the query as one argument (quote it)")
		return 2
	}
	if *since != "" && (*from != "" || *to != "") {
		fmt.Fprintln(stderr, "logstack search: --since and --from/--to are exclusive")
		return 2
	}
	q := url.Values{"limit": {strconv.Itoa(*limit)}, "sort": {*sort}}
	if len(pos) == 1 {
		q.Set("q", pos[0])
	}
	if *since != "" {
		q.Set("from", "now-"+*since)
	}
	if *from != "" {
		q.Set("from", *from)
	}
	if *to != "" {
		q.Set("to", *to)
	}
	key := *apiKey
	if key == "" {
		key = os.Getenv("LOGSTACK_API_KEY")
	}
	res, err := getJSON(strings.TrimRight(*server, "/")+"/api/v1/search?"+q.Encode(), key)
	if err != nil {
		fmt.Fprintf(stderr, "logstack search: %v\n", err)
		return 1
	}
	switch *out {
	case "table":
		printTable(stdout, res.Hits)
		fmt.Fprintf(stderr, "%d of %d hits\n", len(res.Hits), res.Total)
	default:
		for _, h := range res.Hits {
			fmt.Fprintf(stdout, "%s\n", h)
		}
	}
	return 0
}

type searchResponse struct {
	Total int64             `json:"total"`
	Hits  []json.RawMessage `json:"hits"`
	Error string            `json:"error"`
}

func getJSON(u, apiKey string) (searchResponse, error) {
	var res searchResponse
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return res, err
	}
	if apiKey != "" {
		req.Header.Set("Authorization", "ApiKey "+apiKey)
	}
	client := &http.Client{Timeout: 60 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return res, fmt.Errorf("%s: %w", resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		return res, fmt.Errorf("%s: %s", resp.Status, res.Error)
	}
	return res, nil
}

func printTable(w io.Writer, hits []json.RawMessage) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "@timestamp\tlevel\tmessage")
	for _, h := range hits {
		var e struct {
			TS  string `json:"@timestamp"`
			Msg string `json:"message"`
			Log struct {
				Level string `json:"level"`
			} `json:"log"`
		}
		_ = json.Unmarshal(h, &e)
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.TS, e.Log.Level, strings.ReplaceAll(e.Msg, "\n", " "))
	}
	_ = tw.Flush()
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
