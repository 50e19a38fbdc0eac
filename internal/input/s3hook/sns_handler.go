package s3hook

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/logstack/logstack/internal/input/s3notify"
)

// sns handles an SNS delivery: verify, check the topic, then confirm a
// subscription or process the notification.
func (h *Hook) sns(w http.ResponseWriter, r *http.Request, kind string, body []byte) {
	var m snsMessage
	if err := json.Unmarshal(body, &m); err != nil || m.Type != kind {
		h.answer(w, r, http.StatusBadRequest, reasonMalformed, "body is not the SNS message its header announces")
		return
	}
	if !h.topicAllowed(m.TopicArn) {
		h.answer(w, r, http.StatusForbidden, reasonAuth, fmt.Sprintf("sns topic %q is not in inputs.s3_webhook.sns_topics", m.TopicArn))
		return
	}
	if err := h.ver.verify(r.Context(), &m); err != nil {
		status := http.StatusForbidden
		if !errors.Is(err, errSignature) {
			status = http.StatusServiceUnavailable // certificate fetch failed: retryable
		}
		h.answer(w, r, status, reasonAuth, err.Error())
		return
	}
	switch m.Type {
	case "SubscriptionConfirmation":
		h.confirm(w, r, &m)
	case "Notification":
		n, err := s3notify.Parse([]byte(m.Message))
		if err != nil {
			// The sender cannot fix a bad message by retrying: keep it
			// and acknowledge, like SQS poison messages.
			if perr := h.disp.Poison(r.Context(), m.MessageId, body, err); perr != nil {
				h.answer(w, r, http.StatusServiceUnavailable, reasonRetry, "dead letter not written, retry later")
				return
			}
			h.answer(w, r, http.StatusOK, reasonDeadLetter, "")
			return
		}
		n.TopicARN = m.TopicArn
		h.dispatch(w, r, n, m.MessageId)
	default: // UnsubscribeConfirmation and future types need no action
		h.answer(w, r, http.StatusOK, reasonOK, "")
	}
}

// confirm visits SubscribeURL, which must be on an SNS host too.
func (h *Hook) confirm(w http.ResponseWriter, r *http.Request, m *snsMessage) {
	if err := h.ver.trusted(m.SubscribeURL); err != nil {
		h.answer(w, r, http.StatusForbidden, reasonAuth, "SubscribeURL: "+err.Error())
		return
	}
	if _, err := httpGet(r.Context(), h.cfg.HTTPClient, m.SubscribeURL); err != nil {
		h.errLog.Warn(h.log, "sns subscription confirmation failed", "topic", m.TopicArn, "err", err)
		h.answer(w, r, http.StatusBadGateway, reasonRetry, "could not confirm the subscription")
		return
	}
	h.log.Info("sns subscription confirmed", "topic", m.TopicArn)
	h.answer(w, r, http.StatusOK, reasonConfirmed, "")
}
