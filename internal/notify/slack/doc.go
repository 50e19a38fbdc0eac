// Package slack posts notifications to a Slack-compatible incoming webhook:
// Slack itself, Mattermost and Rocket.Chat all accept the same JSON document of
// a top-level "text" and legacy "attachments" (colour bar, title, text, fields).
// Block Kit "blocks" are not sent because Mattermost and Rocket.Chat ignore
// them; attachments render the same on all three.
package slack
