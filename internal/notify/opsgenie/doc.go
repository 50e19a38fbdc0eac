// Package opsgenie drives an alert in Opsgenie's Alert API v2: create while
// firing (POST /v2/alerts with alias = the logstack dedup key), acknowledge
// and close by alias (POST /v2/alerts/{alias}/acknowledge|close?identifierType=alias),
// authenticated with "Authorization: GenieKey <key>". The US (api.opsgenie.com)
// and EU (api.eu.opsgenie.com) instances are chosen by region.
package opsgenie
