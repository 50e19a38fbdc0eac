package duckdb

// fixture is the fixed set of events the query semantics are tested on:
// two days, mixed case, Unicode, nested objects, arrays, missing fields.
const fixture = `{"@timestamp":"2026-11-21T23:50:00Z","event":{"id":"e01"},"message":"Connection refused by upstream db-1","log":{"level":"error"},"service":{"name":"checkout"},"http":{"response":{"status_code":503},"request":{"method":"POST"}},"url":{"original":"/api/cart"},"source":{"ip":"10.0.0.1"},"tags":["prod","eu"],"user":{"name":"alice","id":7}}
{"@timestamp":"2026-11-22T00:00:00Z","event":{"id":"e02"},"message":"connection reset by peer","log":{"level":"warn"},"service":{"name":"checkout"},"http":{"response":{"status_code":500},"request":{"method":"GET"}}}
{"@timestamp":"2026-11-22T01:00:00Z","event":{"id":"e03"},"message":"User alice logged in","log":{"level":"info"},"service":{"name":"auth"},"http":{"response":{"status_code":200}}}
{"@timestamp":"2026-11-22T02:00:00Z","event":{"id":"e04"},"message":"user bob logged out","log":{"level":"info"},"service":{"name":"auth"},"http":{"response":{"status_code":200}}}
{"@timestamp":"2026-11-22T03:00:00Z","event":{"id":"e05"},"message":"Disk usage high on /var","log":{"level":"warn"},"host":{"name":"web-1"},"service":{"name":"infra"}}
{"@timestamp":"2026-11-22T04:00:00Z","event":{"id":"e06"},"message":"disk full","log":{"level":"error"},"host":{"name":"web-2"},"service":{"name":"infra"}}
{"@timestamp":"2026-11-22T05:00:00Z","event":{"id":"e07"},"message":"GET /api/v1/orders completed in 45ms","log":{"level":"info"},"service":{"name":"frontend"},"http":{"response":{"status_code":200},"request":{"method":"GET"}},"url":{"original":"/api/v1/orders"}}
{"@timestamp":"2026-11-22T06:00:00Z","event":{"id":"e08"},"message":"refused connection attempt","log":{"level":"info"},"service":{"name":"gateway"}}
{"@timestamp":"2026-11-22T07:00:00Z","event":{"id":"e09"},"message":"connections refused","log":{"level":"info"},"service":{"name":"gateway"}}
{"@timestamp":"2026-11-22T08:00:00Z","event":{"id":"e10"},"message":"Timeout waiting for response","log":{"level":"error"},"service":{"name":"payment"},"http":{"response":{"status_code":504}}}
{"@timestamp":"2026-11-22T09:00:00Z","event":{"id":"e11"},"message":"payment authorized for order 1234","log":{"level":"info"},"service":{"name":"payment"},"http":{"response":{"status_code":201}}}
{"@timestamp":"2026-11-22T10:00:00Z","event":{"id":"e12"},"message":"cache miss for key user:42","log":{"level":"debug"},"service":{"name":"cart"}}
{"@timestamp":"2026-11-22T11:00:00Z","event":{"id":"e13"},"message":"ERROR: something failed","log":{"level":"ERROR"},"service":{"name":"cart"}}
{"@timestamp":"2026-11-22T11:10:00Z","event":{"id":"e14"},"message":"Straße closed","log":{"level":"info"},"service":{"name":"maps"}}
{"@timestamp":"2026-11-22T11:20:00Z","event":{"id":"e15"},"message":"Café opened","log":{"level":"info"}}
{"@timestamp":"2026-11-22T11:30:00Z","event":{"id":"e16"},"log":{"level":"info"},"service":{"name":"batch"},"labels":{"env":"staging"}}
{"@timestamp":"2026-11-22T11:40:00Z","event":{"id":"e17"},"message":"not found /favicon.ico","log":{"level":"info"},"service":{"name":"frontend"},"http":{"response":{"status_code":404}}}
{"@timestamp":"2026-11-22T11:50:00Z","event":{"id":"e18"},"message":"retrying request after failure attempt=3","log":{"level":"warn"},"service":{"name":"checkout"},"retry":{"count":3}}
{"@timestamp":"2026-11-22T11:55:00Z","event":{"id":"e19"},"message":"slow query detected duration=1500ms","log":{"level":"warn"},"service":{"name":"db"},"db":{"duration":1.5},"tags":["slow"]}
{"@timestamp":"2026-11-22T11:59:00Z","event":{"id":"e20"},"message":"user_id=42 action=delete","log":{"level":"info"},"service":{"name":"admin"},"user":{"roles":["admin","dev"]},"flag":true}
`

// allIDs lists every fixture event.
const allIDs = "e01 e02 e03 e04 e05 e06 e07 e08 e09 e10 e11 e12 e13 e14 e15 e16 e17 e18 e19 e20"
