package ui

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol"
)

// Store keeps the saved session between page loads: sessionStorage in the browser, so it dies
// with the tab. It holds the exported session (a session key, never the password).
type Store interface {
	Load() []byte
	Save([]byte)
	Clear()
}

// saved is what the Store holds.
type saved struct {
	V       int             `json:"v"`
	Session json.RawMessage `json:"session"`
	Tab     string          `json:"tab,omitempty"`
	Child   string          `json:"child,omitempty"` // the selected child of a parent account
}

const savedVersion = 1

// session is what the keeper holds: a *protocol.Session in a page, or a stand-in for a
// session kept elsewhere (a browser extension's service worker, remote_js.go).
type session interface {
	Data
	Do(ctx context.Context, f func(ctx context.Context) error) error
	Export(ctx context.Context) ([]byte, error)
	SelectChild(id string) error
	Close() error
	URL() string
	Username() string
	Token() string
	IdentifiantNav() string
}

// Remote holds the session on the interface's behalf, outside the page: an extension's
// service worker, which outlives its popup. With a Remote the keeper never logs in nor
// resumes by itself, and keeps nothing in its Store.
type Remote interface {
	// Login logs in with o (its callbacks may not all be honoured) and returns the session.
	Login(ctx context.Context, o protocol.Options) (session, error)
	// Attach returns the session the Remote already holds, nil when it holds none.
	Attach(ctx context.Context) (session, error)
}

// keeper owns the session of the interface and saves its exported state after every call, so
// that a reload continues with the right order counter.
type keeper struct {
	s         session
	store     Store
	transport func() protocol.Transport
	hooks     func(*protocol.Options) // adds the token hooks to a resumed session, when set
	remote    Remote                  // set when the session lives outside the page
	rec       saved
}

// login logs in and saves the session. The password is only handed to protocol.Login (or to
// the Remote, which does the same).
func (k *keeper) login(ctx context.Context, o protocol.Options) error {
	var s session
	var err error
	if k.remote != nil {
		s, err = k.remote.Login(ctx, o)
	} else {
		o.Transport = k.transport()
		s, err = protocol.Login(ctx, o)
	}
	if err != nil {
		return err
	}
	k.s = s
	k.rec = saved{V: savedVersion}
	k.save(ctx, s)
	return nil
}

// resume continues the saved session, if there is one: the Remote's, with a Remote.
func (k *keeper) resume() bool {
	if k.remote != nil {
		return k.attach()
	}
	data := k.store.Load()
	if len(data) == 0 {
		return false
	}
	var rec saved
	if json.Unmarshal(data, &rec) != nil || rec.V != savedVersion {
		k.store.Clear()
		return false
	}
	o := protocol.Options{Transport: k.transport()}
	if k.hooks != nil {
		k.hooks(&o)
	}
	s, err := protocol.Resume(rec.Session, o)
	if err != nil {
		k.store.Clear()
		return false
	}
	if rec.Child != "" {
		s.SelectChild(rec.Child) // an unknown id keeps the first child
	}
	k.s, k.rec = s, rec
	return true
}

// attach takes the session the Remote holds.
func (k *keeper) attach() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := k.remote.Attach(ctx)
	if err != nil || s == nil {
		return false
	}
	k.s, k.rec = s, saved{V: savedVersion}
	return true
}

// do runs one call on the session and saves the state it leaves; a session the server has
// forgotten is dropped from the store. When the user logged out (or in again) while the call
// ran, its session is no longer the keeper's: nothing is saved, so a logout stays one.
func (k *keeper) do(ctx context.Context, call func(Data) error) error {
	s := k.s
	if s == nil {
		return protocol.ErrClosed
	}
	err := s.Do(ctx, func(context.Context) error { return call(s) }) // AutoRelogin, when set
	if k.s != s {
		return err
	}
	switch protocol.Code(err) {
	case "SESSION_EXPIRED", "CLOSED":
		k.store.Clear()
	default:
		k.save(ctx, s)
	}
	return err
}

// selectChild switches a parent account to another child and remembers the choice.
func (k *keeper) selectChild(id string) error {
	if k.s == nil {
		return protocol.ErrClosed
	}
	if err := k.s.SelectChild(id); err != nil {
		return err
	}
	k.rec.Child = id
	k.write()
	return nil
}

// setTab remembers the open tab across reloads.
func (k *keeper) setTab(tab string) {
	k.rec.Tab = tab
	k.write()
}

// save stores the state of s, unless s stopped being the keeper's session while exporting.
func (k *keeper) save(ctx context.Context, s session) {
	state, err := s.Export(ctx)
	if err != nil || k.s != s {
		return
	}
	k.rec.Session = state
	k.write()
}

func (k *keeper) write() {
	if k.s == nil || len(k.rec.Session) == 0 {
		return
	}
	if data, err := json.Marshal(k.rec); err == nil {
		k.store.Save(data)
	}
}

// logout closes the session and forgets it.
func (k *keeper) logout() {
	if s := k.s; s != nil {
		go s.Close() // Close waits for a call in flight: never inside a browser callback
	}
	k.s, k.rec = nil, saved{}
	k.store.Clear()
}

// spacePage turns what a user typed as the school's address into the space page of kind:
// "https://x.index-education.net/pronote/" or "…/pronote/eleve.html" both give
// "…/pronote/parent.html" for a parent. A missing scheme means https. It returns "" for
// something that is not a web address.
func spacePage(input string, kind protocol.Kind) string {
	input = strings.TrimSpace(input)
	if input == "" {
		return ""
	}
	if !strings.Contains(input, "://") {
		input = "https://" + input
	}
	u, err := weburl.Parse(input)
	if err != nil || !validHost(u.Host) {
		return ""
	}
	page := "eleve.html"
	if kind == protocol.KindParent {
		page = "parent.html"
	}
	dir := u.Path
	if i := strings.LastIndexByte(dir, '/'); i >= 0 && strings.HasSuffix(strings.ToLower(dir), ".html") {
		dir = dir[:i+1]
	}
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	if dir == "/" {
		dir = "/pronote/" // where PRONOTE lives on its hosted servers
	}
	u.Path, u.RawQuery, u.Fragment, u.UserInfo = dir+page, "", "", false
	return u.String()
}

// validHost accepts "name[:port]" with a DNS-like name (letters, digits, dots, hyphens) or a
// bracketed IPv6 literal, and a numeric port.
func validHost(h string) bool {
	name, port := h, ""
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
		name, port = h[:i], h[i+1:]
		if port == "" || digits(port) < 0 {
			return false
		}
	}
	if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
		return len(name) > 2
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return name != ""
}
