// Package pagerduty sends alert events to PagerDuty's Events API v2
// (POST https://events.pagerduty.com/v2/enqueue): trigger while firing,
// acknowledge and resolve with the same dedup_key so that one logstack alert is
// one PagerDuty incident for its whole life.
package pagerduty
