// Package teams posts notifications to a Microsoft Teams channel webhook as an
// Adaptive Card message: {"type":"message","attachments":[{"contentType":
// "application/vnd.microsoft.card.adaptive","content":{AdaptiveCard}}]}.
//
// Adaptive Card rather than the legacy MessageCard because Microsoft has
// deprecated Office 365 connectors (the "Incoming Webhook" connector that
// accepted MessageCard) in favour of Workflows (Power Automate) webhooks, which
// accept only Adaptive Cards; the message-with-attachment shape above is
// accepted by both, so one format serves old and new webhook URLs.
package teams
