package protocol

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// LoginCoolDown is how long logins to a school are refused at once, from this process, after
// the school answered RATE_LIMITED or IP_SUSPENDED. PRONOTE suspends an IP address for
// minutes to hours after repeated logins, and every further attempt during a ban prolongs it
// for every user behind the same address (a relay's egress is shared): protocol.md §7.4 asks
// for at least 15 minutes and a new attempt only on a user's action.
const LoginCoolDown = 15 * time.Minute

// loginGuard remembers, per school host, until when logins are refused and why.
type loginGuard struct {
	mu    sync.Mutex
	hosts map[string]guardEntry
}

type guardEntry struct {
	until time.Time
	err   error // ErrRateLimited or ErrIPSuspended
}

// guard is shared by every login of the process (the loaded WebAssembly module).
var guard = &loginGuard{hosts: map[string]guardEntry{}}

// check returns the cool-down error while host is cooling down.
func (g *loginGuard) check(host string, now time.Time) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, ok := g.hosts[strings.ToLower(host)]
	if !ok {
		return nil
	}
	if !now.Before(e.until) {
		delete(g.hosts, strings.ToLower(host))
		return nil
	}
	left := e.until.Sub(now).Round(time.Minute)
	if left < time.Minute {
		left = time.Minute
	}
	return fmt.Errorf("%w: no login to this school from here for %d more min (cool-down after the server's refusal; nothing was sent)", e.err, int(left.Minutes()))
}

// record starts a cool-down when err says the school refused logins.
func (g *loginGuard) record(host string, err error, now time.Time) {
	var kind error
	switch {
	case errors.Is(err, ErrIPSuspended):
		kind = ErrIPSuspended
	case errors.Is(err, ErrRateLimited):
		kind = ErrRateLimited
	default:
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.hosts[strings.ToLower(host)] = guardEntry{until: now.Add(LoginCoolDown), err: kind}
}
