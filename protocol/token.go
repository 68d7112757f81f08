package protocol

// autoState is what a session does on its own: report token changes and, when asked, log in
// again once on expiry.
type autoState struct {
	onToken func(token string) // Options.OnToken
	relogin bool               // Options.AutoRelogin
	gen     int                // counts logins on this Session; written under sem, guarded by mu
	off     bool               // an automatic login failed: none again; guarded by sem
	// aliases maps the period and child ids of earlier logins on this Session to the current
	// ones, so that ids a caller holds keep working after an automatic login; guarded by mu.
	aliases map[string]string
}

// Token returns the session's current mobile token, "" when the login asked for none. Every
// mobile login and every device registration rotates it (§6.6): the previous one stops
// working, so store the new one at once (Options.OnToken says when). Keep it like a password.
func (s *Session) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// Username returns the username later token logins need: the server's canonical login when
// Identification gave one (§6.3), else the one the session was opened with.
func (s *Session) Username() string { return s.shown().username }

// DeviceUUID returns the device UUID the session was opened with.
func (s *Session) DeviceUUID() string { return s.device }

// IdentifiantNav returns the identifier the server gave this device in FonctionParametres;
// pass it back in Options.IdentifiantNav so that a registered device is recognised (§6.8).
func (s *Session) IdentifiantNav() string { return s.shown().identifiantNav }

// setToken records a new token and tells Options.OnToken. An exception in the callback is
// the caller's business; it must not break the login, hence the recover.
func (s *Session) setToken(token string) {
	s.mu.Lock()
	changed := s.token != token
	s.token = token
	s.mu.Unlock()
	if changed && s.auto.onToken != nil {
		func() {
			defer func() { _ = recover() }()
			s.auto.onToken(token)
		}()
	}
}

// URL returns the space page the session was opened on (the mobile page for token and QR
// logins): what a later token login takes as Options.URL.
func (s *Session) URL() string { return s.page.String() }
