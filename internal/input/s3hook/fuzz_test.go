package s3hook

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzSNSMessage posts arbitrary SNS deliveries: without the signing key
// nothing may be accepted or processed, and nothing may panic.
func FuzzSNSMessage(f *testing.F) {
	f.Add("Notification", `{"Type":"Notification","TopicArn":"`+topic+`","Message":"{}","SignatureVersion":"1","Signature":"AAAA","SigningCertURL":"`+certURL+`"}`)
	f.Add("SubscriptionConfirmation", `{"Type":"SubscriptionConfirmation","TopicArn":"`+topic+`","SubscribeURL":"https://sns.eu-west-1.amazonaws.com/?x"}`)
	f.Add("Notification", `{"Type":"Notification"}`)
	f.Add("Notification", `[]`)
	fx := setup(f)
	f.Fuzz(func(t *testing.T, kind, body string) {
		req := httptest.NewRequest(http.MethodPost, DefaultPath, strings.NewReader(body))
		if kind != "" {
			req.Header.Set("X-Amz-Sns-Message-Type", kind)
		}
		w := httptest.NewRecorder()
		fx.srv.Config.Handler.ServeHTTP(w, req)
		if kind != "" && strings.TrimSpace(kind) == kind && w.Code == http.StatusOK {
			t.Fatalf("unsigned SNS delivery accepted: %s", body)
		}
		if len(fx.keys()) != 0 || fx.confirmed.Load() != 0 {
			t.Fatal("unsigned SNS delivery acted upon")
		}
	})
}
