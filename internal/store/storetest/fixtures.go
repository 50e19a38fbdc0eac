package storetest

import "time"

// Now is the instant the suite's queries take as "now" when the harness
// fixes the store's clock (Harness.FixedClock): noon after the fixture's
// last event.
var Now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// fixture is the fixed set of events the suite searches and aggregates: two
// UTC days, load-balancer access-log fields (docs/ELB.md) as the
// Elasticsearch template types them (ip, long, float, keyword), mixed case,
// Unicode, nested objects, a dotted key, arrays, empty and null values,
// unmapped numbers and booleans. Every field has one JSON type across
// events, so a backend with dynamic mappings types it the way DuckDB reads
// it. Messages avoid tokens that Unicode word segmentation keeps whole but
// DuckDB splits (dots or commas between letters or digits, apostrophes).
const fixture = `{"@timestamp":"2026-11-21T22:15:00Z","event":{"id":"e01"},"message":"Connection refused by upstream backend","log":{"level":"error"},"service":{"name":"checkout"},"http":{"request":{"method":"POST","body":{"bytes":34}},"response":{"status_code":502}},"url":{"original":"/api/cart"},"source":{"ip":"10.0.0.1","port":51234},"user_agent":{"original":"curl/8.5.0"},"aws":{"elb":{"name":"app/shop-lb/50dc6c495c0c9188","type":"https","backend":{"ip":"10.0.1.5","port":8080,"http":{"response":{"status_code":502}}},"request_processing_time":{"sec":0.001},"target_status_code":[502],"action_executed":["forward"],"matched_rule_priority":10,"trace_id":"Root=1-58337262-36d228ad5d99923122bbe354"}},"tags":["prod","eu"],"user":{"name":"alice"}}
{"@timestamp":"2026-11-21T23:45:00Z","event":{"id":"e02"},"message":"connection reset by peer","log":{"level":"warn"},"service":{"name":"checkout"},"http":{"request":{"method":"GET"},"response":{"status_code":500}},"url":{"original":"/api/cart/items"},"source":{"ip":"10.0.0.2"},"user_agent":{"original":"curl/8.5.0"},"aws":{"elb":{"name":"app/shop-lb/50dc6c495c0c9188","type":"http","backend":{"ip":"10.0.1.6","port":8080,"http":{"response":{"status_code":500}}},"request_processing_time":{"sec":0.002},"target_status_code":[500],"action_executed":["waf","forward"],"matched_rule_priority":10}},"retry":{"count":1}}
{"@timestamp":"2026-11-22T00:00:00Z","event":{"id":"e03"},"message":"User alice logged in","log":{"level":"info"},"service":{"name":"auth"},"http":{"request":{"method":"POST"},"response":{"status_code":200}},"url":{"original":"/login"},"source":{"ip":"192.168.1.20"},"user_agent":{"original":"Mozilla/5.0 (X11; Linux x86_64)"},"flag":false}
{"@timestamp":"2026-11-22T01:30:00Z","event":{"id":"e04"},"message":"user bob logged out","log":{"level":"info"},"service":{"name":"auth"},"http":{"request":{"method":"GET"},"response":{"status_code":200}},"url":{"original":"/logout"},"source":{"ip":"2001:db8::1"},"user_agent":{"original":"Mozilla/5.0 (Macintosh)"}}
{"@timestamp":"2026-11-22T02:00:00Z","event":{"id":"e05"},"message":"Disk usage high on web-1","log":{"level":"warn"},"host":{"name":"web-1"},"service":{"name":"infra"}}
{"@timestamp":"2026-11-22T03:00:00Z","event":{"id":"e06"},"message":"disk full","log":{"level":"error"},"host":{"name":"web-2"},"service":{"name":"infra"}}
{"@timestamp":"2026-11-22T05:00:00Z","event":{"id":"e07"},"message":"GET /api/v1/orders completed in 45ms","log":{"level":"info"},"service":{"name":"frontend"},"http":{"request":{"method":"GET"},"response":{"status_code":200,"body":{"bytes":1024}}},"url":{"original":"/api/v1/orders"},"source":{"ip":"10.0.0.3"},"user_agent":{"original":"Mozilla/5.0 (X11; Linux x86_64)"},"aws":{"elb":{"name":"app/shop-lb/50dc6c495c0c9188","type":"h2","backend":{"ip":"10.0.1.7","port":80,"http":{"response":{"status_code":200}}},"request_processing_time":{"sec":0.000073},"target_status_code":[200],"action_executed":["forward"],"matched_rule_priority":1}}}
{"@timestamp":"2026-11-22T06:00:00Z","event":{"id":"e08"},"message":"refused connection attempt","log":{"level":"info"},"service":{"name":"gateway"}}
{"@timestamp":"2026-11-22T07:00:00Z","event":{"id":"e09"},"message":"connections refused","log":{"level":"info"},"service":{"name":"gateway"}}
{"@timestamp":"2026-11-22T08:00:00Z","event":{"id":"e10"},"message":"Timeout waiting for response","log":{"level":"error"},"service":{"name":"payment"},"http":{"request":{"method":"POST"},"response":{"status_code":504}},"url":{"original":"/pay"},"source":{"ip":"10.0.0.2"},"aws":{"elb":{"name":"app/pay-lb/7f3e","type":"https","request_processing_time":{"sec":0.003},"action_executed":["forward"],"error":{"reason":"TargetTimeout"}}}}
{"@timestamp":"2026-11-22T09:00:00Z","event":{"id":"e11"},"message":"payment authorized for order 1234","log":{"level":"info"},"service":{"name":"payment"},"http":{"request":{"method":"POST"},"response":{"status_code":201}},"retry":{"count":3}}
{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"e12"},"message":"cache miss for key user:42","log":{"level":"debug"},"service":{"name":"cart"}}
{"@timestamp":"2026-11-22T11:00:00Z","event":{"id":"e13"},"message":"ERROR: something failed","log":{"level":"ERROR"},"service":{"name":"cart"}}
{"@timestamp":"2026-11-22T11:10:00Z","event":{"id":"e14"},"message":"Straße closed","log":{"level":"info"},"service":{"name":"maps"}}
{"@timestamp":"2026-11-22T11:20:00Z","event":{"id":"e15"},"message":"Café opened","log":{"level":"info"},"labels":{"env":null}}
{"@timestamp":"2026-11-22T11:30:00Z","event":{"id":"e16"},"log":{"level":"info"},"service":{"name":"batch"},"labels":{"env":"staging"},"tags":[]}
{"@timestamp":"2026-11-22T11:40:00Z","event":{"id":"e17"},"message":"not found favicon","log":{"level":"info"},"service":{"name":"frontend"},"http":{"request":{"method":"GET"},"response":{"status_code":404}},"url":{"original":"/favicon.ico"},"source":{"ip":"10.0.0.1"},"user_agent":{"original":"Googlebot/2.1"},"aws":{"elb":{"name":"app/shop-lb/50dc6c495c0c9188","type":"http","backend":{"ip":"10.0.1.5","port":8080,"http":{"response":{"status_code":404}}},"request_processing_time":{"sec":0.0005},"target_status_code":[404],"action_executed":["forward"],"matched_rule_priority":10}}}
{"@timestamp":"2026-11-22T11:50:00Z","event":{"id":"e18"},"message":"retrying request after failure attempt=3","log":{"level":"warn"},"service":{"name":"checkout"},"retry":{"count":5}}
{"@timestamp":"2026-11-22T11:55:00Z","event":{"id":"e19"},"message":"slow query detected duration=1500ms","log":{"level":"warn"},"service":{"name":"db"},"db":{"duration":1.5},"tags":["slow"]}
{"@timestamp":"2026-11-22T11:59:00Z","event":{"id":"e20"},"message":"user_id=42 action=delete","log":{"level":"info"},"service":{"name":"admin"},"user":{"roles":["admin","dev"]},"flag":true}
{"@timestamp":"2026-11-22T11:59:30Z","event":{"id":"e21"},"message":"TLS handshake completed","log":{"level":"info"},"service":{"name":"edge"},"source":{"ip":"10.0.0.4"},"aws.elb.name":"net/tls-lb/1a2b3c","aws.elb.type":"tls","aws":{"elb":{"backend":{"ip":"10.0.1.8","port":443}}}}
`

// allIDs lists every fixture event.
const allIDs = "e01 e02 e03 e04 e05 e06 e07 e08 e09 e10 e11 e12 e13 e14 e15 e16 e17 e18 e19 e20 e21"

// fixtureDay1 and fixtureDay2 count the fixture's events per UTC day.
const (
	fixtureDay1 = 2  // 2026-11-21
	fixtureDay2 = 19 // 2026-11-22
)
