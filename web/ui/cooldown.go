package ui

import (
	"strconv"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// coolDowns remembers, per school, until when logins are refused after PRONOTE answered
// RATE_LIMITED or IP_SUSPENDED. PRONOTE says nothing of how long its refusal lasts; the
// module then refuses logins to that school for protocol.LoginCoolDown, and this record has
// the same lifetime as the module (the page), so the time it shows is the module's.
type coolDowns map[string]time.Time

// note records a refusal for the school of page at now and returns until when to wait: a
// refusal during the cool-down (the module's own, nothing sent) keeps the first end.
func (c coolDowns) note(page string, now time.Time) time.Time {
	key := schoolKey(page)
	if until, ok := c[key]; ok && now.Before(until) {
		return until
	}
	until := now.Add(protocol.LoginCoolDown)
	c[key] = until
	return until
}

// waitText says how long to wait before trying again: "Réessayez dans 15 min (vers 10h15)."
func waitText(l Lang, until, now time.Time) string {
	left := int((until.Sub(now) + time.Minute - 1) / time.Minute) // rounded up
	if left < 1 {
		left = 1
	}
	n := strconv.Itoa(left)
	if l == English {
		return "Try again in " + n + " min (around " + clock(l, until) + ")."
	}
	return "Réessayez dans " + n + " min (vers " + clock(l, until) + ")."
}
