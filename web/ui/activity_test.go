package ui

import (
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// TestKeepAliveWhileActive plays a user who logs in, reads for a while, then leaves: a
// keep-alive every two minutes while active, none once idle for activeFor.
func TestKeepAliveWhileActive(t *testing.T) {
	c := &fakeClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	a := &activity{now: c.now}
	if a.due() {
		t.Fatal("due before any input")
	}
	a.input()
	a.called() // the login
	sent := 0
	tick := func(n int, inputEvery int) {
		for i := 1; i <= n; i++ {
			c.advance(keepAliveTick)
			if inputEvery > 0 && i%inputEvery == 0 {
				a.input()
			}
			if a.due() {
				sent++
				a.sending = true
				a.called()
				a.sending = false
			}
		}
	}
	tick(11, 0) // 110 s after the login
	if sent != 1 {
		t.Fatalf("after 110 s of an active user: %d keep-alives, want 1", sent)
	}
	tick(36, 3) // six more minutes, an input every 30 s: one every 110–120 s
	if sent != 4 {
		t.Fatalf("after 8 min of activity: %d keep-alives, want 4", sent)
	}
	before := sent
	tick(6*30, 0) // 30 idle minutes
	if got := sent - before; got != 2 {
		t.Fatalf("idle: %d keep-alives in the first 5 minutes then none, want 2", got)
	}
	if a.active() {
		t.Error("still active after 30 idle minutes")
	}
	a.input() // back: the session, idle for long, gets one at once
	if !a.due() {
		t.Error("no keep-alive due when the user comes back")
	}
	a.sending = true
	if a.due() {
		t.Error("due while one is on its way")
	}
}

// TestKeepAliveAfterCalls: an ordinary call keeps the session alive by itself.
func TestKeepAliveAfterCalls(t *testing.T) {
	c := &fakeClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	a := &activity{now: c.now}
	a.input()
	a.called()
	c.advance(100 * time.Second)
	a.called() // the user opened a tab
	c.advance(100 * time.Second)
	if a.due() {
		t.Error("due 100 s after a call")
	}
	c.advance(10 * time.Second)
	if !a.due() {
		t.Error("not due 110 s after the last call, the user active 210 s ago")
	}
}
