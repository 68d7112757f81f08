package protocol

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// stateVersion changes when the exported layout does.
const stateVersion = 1

// state is the exported form of a session: enough to continue it without logging in again,
// and to log in again later without the password (username, device and identifiantNav). It
// holds the session key and the current token: treat it like a password-equivalent secret.
type state struct {
	V              int          `json:"v"`
	URL            string       `json:"url"`
	Kind           Kind         `json:"kind"`
	H              string       `json:"h"`
	A              int          `json:"a"`
	Dialect        int          `json:"dialect"`
	Encrypt        bool         `json:"encrypt"`
	Compress       bool         `json:"compress"`
	Key            string       `json:"key"`
	IV             string       `json:"iv"`
	Counter        int          `json:"counter"`
	Cookies        []string     `json:"cookies,omitempty"`
	Username       string       `json:"username"`
	DeviceUUID     string       `json:"deviceUUID,omitempty"`
	IdentifiantNav string       `json:"identifiantNav,omitempty"`
	Token          string       `json:"token,omitempty"` // the current mobile token (token.go)
	User           User         `json:"user"`
	Resource       resource     `json:"resource"`
	Children       []resource   `json:"children,omitempty"`
	Child          int          `json:"child"`
	Periods        []Period     `json:"periods"`
	GradePeriods   []Period     `json:"gradePeriods,omitempty"`
	DefaultPeriod  string       `json:"defaultPeriod,omitempty"`
	Onglets        []int        `json:"onglets,omitempty"`
	School         schoolParams `json:"school"`
}

// Export returns the session's state as JSON, for Resume. It waits for calls in flight. Stop
// using this Session once its state is resumed elsewhere: both would share one order counter.
func (s *Session) Export(ctx context.Context) ([]byte, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.unlock()
	s.mu.Lock()
	child := s.child
	s.mu.Unlock()
	st := state{V: stateVersion, URL: s.page.String(), Kind: s.kind, H: s.st.h, A: s.st.a,
		Dialect: int(s.st.dialect), Encrypt: s.st.flags.Encrypt, Compress: s.st.flags.Compress,
		Key: hex.EncodeToString(s.st.key), IV: hex.EncodeToString(s.st.iv), Counter: s.st.counter,
		Cookies: s.st.jar.pairs(), Username: s.acct.username, DeviceUUID: s.device,
		IdentifiantNav: s.acct.identifiantNav, Token: s.Token(), User: s.acct.user, Resource: s.acct.resource,
		Children: s.acct.children, Child: child, Periods: s.acct.periods, GradePeriods: s.acct.gradePeriods,
		DefaultPeriod: s.acct.defaultPeriod, School: s.acct.school}
	for o := range s.acct.onglets {
		st.Onglets = append(st.Onglets, o)
	}
	sort.Ints(st.Onglets)
	return json.Marshal(st)
}

// Resume continues an exported session without a new login. Only the Transport, Logger, Rand,
// Now, Timeout, OnToken and AutoRelogin fields of o are used; the token comes from the state.
// A session the server has since expired fails its next call
// with ErrSessionExpired.
func Resume(data []byte, o Options) (*Session, error) {
	if o.Transport == nil {
		return nil, argError("transport", "is required")
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, argError("state", "is not an exported session")
	}
	if st.V != stateVersion {
		return nil, argError("state", "was exported by an incompatible version (%d)", st.V)
	}
	s := newSession(o.Transport, &o)
	if err := s.restore(&st); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Session) restore(st *state) error {
	key, err1 := hex.DecodeString(st.Key)
	iv, err2 := hex.DecodeString(st.IV)
	page, err3 := weburl.Parse(st.URL)
	switch {
	case err1 != nil || err2 != nil || len(key) != 16 || len(iv) != 16:
		return argError("state", "has no usable key")
	case err3 != nil || page.Host == "" || st.H == "" || st.Counter < 7 || st.Counter%2 == 0:
		return argError("state", "is incomplete")
	case st.Dialect < int(wire.D2023) || st.Dialect > int(wire.D2025):
		return argError("state", "has an unknown dialect")
	}
	hNum, err := strconv.ParseInt(st.H, 10, 64)
	if err != nil || hNum <= 0 {
		return argError("state", "has a malformed session number")
	}
	s.page, s.root, s.kind, s.device = page, page.Dir(), st.Kind, st.DeviceUUID
	s.st = wireState{h: st.H, hNum: hNum, a: st.A, dialect: wire.Dialect(st.Dialect),
		flags: wire.Flags{Encrypt: st.Encrypt, Compress: st.Compress}, key: key, iv: iv, counter: st.Counter}
	s.st.jar.set(st.Cookies)
	s.acct = account{username: st.Username, identifiantNav: st.IdentifiantNav, user: st.User,
		resource: st.Resource, children: st.Children, periods: st.Periods, gradePeriods: st.GradePeriods,
		defaultPeriod: st.DefaultPeriod, school: st.School}
	if len(st.Onglets) > 0 {
		s.acct.onglets = map[int]bool{}
		for _, o := range st.Onglets {
			s.acct.onglets[o] = true
		}
	}
	s.token = st.Token
	if st.Child >= 0 && st.Child < len(st.Children) {
		s.child = st.Child
	}
	s.publish()
	return nil
}
