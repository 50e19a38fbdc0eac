// Package notifytest holds the checks every notifier implementation must pass,
// run from each notifier's own tests (as alertmanager's notify/test does): above
// all, that no error ever contains a secret such as a token or a webhook URL.
package notifytest
