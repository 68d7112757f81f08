package protocol

import (
	"context"
	"errors"
	"fmt"
)

// Do runs f, a unit of work made of calls on s, such as one Timetable. When the session was
// opened with Options.AutoRelogin and holds a token, and f fails with ErrSessionExpired, Do
// logs in once again with the current token (a new server session behind the same *Session:
// every id, such as Periods' and User's, is new) and runs f once more. If that login fails,
// Do returns its error and no automatic login happens again on this session. Any other
// failure (ErrBadCredentials, ErrRateLimited, ErrIPSuspended, …) is returned as it is: no
// code path logs in again unless the caller asked for it (§7.4). RATE_LIMITED or
// IP_SUSPENDED met by f also starts the school's login cool-down (LoginCoolDown).
func (s *Session) Do(ctx context.Context, f func(ctx context.Context) error) error {
	gen := s.generation()
	err := f(ctx)
	guard.record(s.root.Host, err, s.now()) // a ban met by a call stops logins too
	if err == nil || !s.auto.relogin || !errors.Is(err, ErrSessionExpired) {
		return err
	}
	if err := s.relogin(ctx, gen); err != nil {
		return err
	}
	return f(ctx)
}

// generation returns the count of logins on s, to tell whether another call re-logged in
// since. It does not wait for the call in flight (an aborted call must reject at once).
func (s *Session) generation() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auto.gen
}

// relogin logs in again with the current token, unless another call already did since gen.
func (s *Session) relogin(ctx context.Context, gen int) error {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	err := s.reloginLocked(ctx, gen)
	var ab errAbandoned
	if errors.As(err, &ab) {
		return ab.err // the exchange in flight releases the session when it settles
	}
	s.unlock()
	return err
}

func (s *Session) reloginLocked(ctx context.Context, gen int) error {
	switch {
	case s.closed:
		return ErrClosed
	case s.generation() != gen && s.broken == nil:
		return nil // another call logged in again meanwhile
	case s.auto.off:
		return fmt.Errorf("%w (an automatic login already failed on this session)", ErrSessionExpired)
	}
	token := s.Token()
	if token == "" {
		return ErrSessionExpired
	}
	o := &Options{DeviceUUID: s.device}
	p, err := Token{Username: s.acct.username, Token: token}.plan(o)
	if err == nil {
		err = guard.check(s.root.Host, s.now())
	}
	if err != nil {
		s.auto.off = true
		return err
	}
	s.log.Debug("pronote automatic login after an expired session")
	s.st, s.broken = wireState{}, nil
	keep := s.acct
	s.acct = account{username: keep.username, identifiantNav: keep.identifiantNav}
	err = s.login(ctx, o, p)
	guard.record(s.root.Host, err, s.now())
	if err != nil {
		s.auto.off = true
		s.broken = err
		return err
	}
	s.mu.Lock()
	s.auto.gen++
	if s.child >= len(s.acct.children) {
		s.child = 0
	}
	s.mu.Unlock()
	s.keepAliases(&keep)
	return nil
}

// keepAliases maps the ids of the account before an automatic login (periods and children,
// matched by name, else by position) to the new ones, and re-points older aliases.
func (s *Session) keepAliases(old *account) {
	fresh := map[string]string{}
	match := func(before, after []idName) {
		for i, b := range before {
			for _, a := range after {
				if a.name == b.name {
					fresh[b.id] = a.id
					break
				}
			}
			if _, ok := fresh[b.id]; !ok && i < len(after) {
				fresh[b.id] = after[i].id
			}
		}
	}
	match(periodIDs(old.periods), periodIDs(s.acct.periods))
	match(periodIDs(old.gradePeriods), periodIDs(s.acct.gradePeriods))
	var before, after []idName
	for _, c := range old.children {
		before = append(before, idName{c.N, c.L})
	}
	for _, c := range s.acct.children {
		after = append(after, idName{c.N, c.L})
	}
	match(before, after)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.auto.aliases == nil {
		s.auto.aliases = map[string]string{}
	}
	for k, v := range s.auto.aliases {
		if nv, ok := fresh[v]; ok {
			s.auto.aliases[k] = nv
		}
	}
	for k, v := range fresh {
		s.auto.aliases[k] = v
	}
}

type idName struct{ id, name string }

func periodIDs(ps []Period) []idName {
	out := make([]idName, len(ps))
	for i, p := range ps {
		out[i] = idName{p.ID, p.Name}
	}
	return out
}

// alias returns the current id for an id of an earlier login on this Session.
func (s *Session) alias(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.auto.aliases[id]; ok {
		return v
	}
	return id
}
