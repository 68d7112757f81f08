package ui

import "time"

// Keep-alive (protocol.md §7.1): while the user is active, a session idle for 110 to 120 s gets
// one KeepAlive call; an idle user's session is left to expire.
const (
	// keepAliveIdle is how long the session goes without a call before a keep-alive is due
	// (the official client's period is two minutes).
	keepAliveIdle = 110 * time.Second
	// keepAliveTick is how often the interface checks: a keep-alive goes out 110 to 120 s
	// after the last call.
	keepAliveTick = 10 * time.Second
	// activeFor is how long after the last input (a key, a pointer, a touch, the tab shown
	// again) the user still counts as active.
	activeFor = 5 * time.Minute
)

// activity tracks the user's last input and the session's last call, on an injectable clock,
// to tell when a keep-alive is due.
type activity struct {
	now       func() time.Time
	lastInput time.Time
	lastCall  time.Time
	sending   bool // a keep-alive is on its way
}

// input records a sign of the user's presence.
func (a *activity) input() { a.lastInput = a.now() }

// called records a call on the session (a keep-alive included), or the login.
func (a *activity) called() { a.lastCall = a.now() }

// active reports whether the user gave a sign of presence within activeFor.
func (a *activity) active() bool {
	return !a.lastInput.IsZero() && a.now().Sub(a.lastInput) < activeFor
}

// due reports whether a keep-alive should be sent now: the user is active, the session has
// been idle for keepAliveIdle and no keep-alive is already on its way.
func (a *activity) due() bool {
	return !a.sending && a.active() && a.now().Sub(a.lastCall) >= keepAliveIdle
}
