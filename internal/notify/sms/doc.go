// Package sms sends a notification as a text message through a
// Twilio-compatible HTTP API: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json
// with a form of To, From (or MessagingServiceSid) and Body, authenticated
// with HTTP basic auth (Account SID, Auth Token). Several providers and
// gateways implement this same API.
//
// One notifier sends to one number: with several numbers, a retry after a
// partial failure would text again the numbers that already got the message,
// so fan-out is left to the escalation level's list of notifiers.
package sms
