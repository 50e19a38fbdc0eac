package api

import (
	"cmp"
	"crypto/rand"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/logstack/logstack/internal/alert"
)

// silenceRank orders a listing: what mutes notifications now first.
var silenceRank = map[SilenceState]int{SilenceActive: 0, SilencePending: 1, SilenceExpired: 2}

func silenceJSON(s alert.Silence, now time.Time) SilenceJSON {
	st := SilenceExpired
	switch {
	case s.Active(now):
		st = SilenceActive
	case now.Before(s.StartsAt):
		st = SilencePending
	}
	if s.Matchers == nil {
		s.Matchers = []alert.Matcher{}
	}
	return SilenceJSON{Silence: s, State: st}
}

func (a *Alerts) listSilences(w http.ResponseWriter, r *http.Request) {
	activeOnly, err := boolParam(r.URL.Query().Get("active"), "active")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ctx, cancel := a.storeCtx(r)
	defer cancel()
	silences, err := a.st.Silences(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	now := a.now()
	out := SilenceList{Silences: []SilenceJSON{}}
	for _, s := range silences {
		if sj := silenceJSON(s, now); !activeOnly || sj.State == SilenceActive {
			out.Silences = append(out.Silences, sj)
		}
	}
	slices.SortFunc(out.Silences, func(x, y SilenceJSON) int {
		if c := cmp.Compare(silenceRank[x.State], silenceRank[y.State]); c != 0 {
			return c
		}
		if c := y.ExpiresAt.Compare(x.ExpiresAt); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	writeJSON(w, http.StatusOK, out)
}

func (a *Alerts) createSilence(w http.ResponseWriter, r *http.Request) {
	var req SilenceRequest
	if err := decodeBody(r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	now := a.now()
	s, err := newSilence(req, now)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	s.ID = rand.Text()
	ctx, cancel := a.storeCtx(r)
	defer cancel()
	if err := a.st.PutSilence(ctx, s); err != nil {
		a.fail(w, r, err)
		return
	}
	a.log.Info("silence created", "silence", s.ID, "author", s.Author, "matchers", s.Matchers, "expires_at", s.ExpiresAt)
	writeJSON(w, http.StatusCreated, silenceJSON(s, now))
}

// expireSilence ends a silence now. The silence stays stored, expired, so
// the listing keeps the history of who muted what and why; expiring an
// expired silence changes nothing.
func (a *Alerts) expireSilence(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ctx, cancel := a.storeCtx(r)
	defer cancel()
	silences, err := a.st.Silences(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	i := slices.IndexFunc(silences, func(s alert.Silence) bool { return s.ID == id })
	if i < 0 {
		a.fail(w, r, notFound("silence %q not found", id))
		return
	}
	s, now := silences[i], a.now()
	if now.Before(s.ExpiresAt) {
		s.ExpiresAt = now
		s.StartsAt = minTime(s.StartsAt, now) // a pending silence never starts
		if err := a.st.PutSilence(ctx, s); err != nil {
			a.fail(w, r, err)
			return
		}
		a.log.Info("silence expired", "silence", s.ID)
	}
	writeJSON(w, http.StatusOK, silenceJSON(s, now))
}

func minTime(x, y time.Time) time.Time {
	if y.Before(x) {
		return y
	}
	return x
}
