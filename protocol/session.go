package protocol

import (
	"context"
	"crypto/rand"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Session is a logged-in PRONOTE session. Its methods are safe for concurrent use: calls are
// strictly serialised, as the order counter requires (§4.2).
type Session struct {
	sem chan struct{} // one token: held for the whole of an exchange

	// Set at creation and never changed.
	t       Transport
	rand    io.Reader
	now     func() time.Time
	log     Logger
	page    *weburl.URL
	root    *weburl.URL
	kind    Kind
	device  string
	timeout time.Duration // per request

	// Wire state, guarded by sem.
	st     wireState
	closed bool
	broken error // set when the server has forgotten the session (expired)

	// Account data: acct is written by a login (the first one or an automatic one) and by
	// Resume, always under sem. The accessors (User, Periods, SelectChild, …) read pub instead,
	// the copy published when that login completed, so they need no lock and never see an
	// account half built by an automatic login in progress.
	acct account
	pub  atomic.Pointer[account]

	mu    sync.Mutex // guards child and token
	child int        // index of the selected child for parent accounts
	token string     // the current mobile token, "" for none (token.go)

	auto autoState // token callback and AutoRelogin (token.go, relogin.go)
}

// wireState is everything the envelope needs (§4).
type wireState struct {
	h       string
	hNum    int64
	a       int
	dialect wire.Dialect
	flags   wire.Flags
	key     []byte
	iv      []byte
	counter int // the next request's counter value
	jar     jar
}

// account is what login learns about the user and the school.
type account struct {
	username       string
	identifiantNav string
	user           User
	resource       resource   // the user's own resource
	children       []resource // parent accounts: one per child
	periods        []Period
	gradePeriods   []Period // the periods DernieresNotes accepts (onglet 198)
	defaultPeriod  string
	onglets        map[int]bool
	school         schoolParams
}

// resource is the {N, G, L} that identifies a person in requests (§6.10).
type resource struct {
	N string `json:"N"`
	G int    `json:"G"`
	L string `json:"L"`
}

// schoolParams are the FonctionParametres values later calls need (§5.3).
type schoolParams struct {
	Version     wire.Version `json:"version"`
	FirstMonday Date         `json:"firstMonday"`
	FirstDate   Date         `json:"firstDate,omitempty"`
	LastDate    Date         `json:"lastDate,omitempty"`
	SlotsPerDay int          `json:"slotsPerDay"`
	SlotEnds    map[int]int  `json:"slotEnds"` // slot index → end, minutes since midnight
	SlotStarts  map[int]int  `json:"slotStarts"`
	DemoDate    Date         `json:"demoDate,omitempty"`
	School      string       `json:"school,omitempty"`
}

func newSession(t Transport, o *Options) *Session {
	s := &Session{sem: make(chan struct{}, 1), t: t, rand: o.Rand, now: o.Now, log: o.Logger, device: o.DeviceUUID,
		auto: autoState{relogin: o.AutoRelogin, onToken: o.OnToken}}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = discard{}
	}
	s.timeout = o.Timeout
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	return s
}

// lock takes the session's call token, or fails when ctx ends first.
func (s *Session) lock(ctx context.Context) error {
	if ctx.Done() == nil {
		s.sem <- struct{}{}
	} else {
		select {
		case s.sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if s.closed {
		s.unlock()
		return ErrClosed
	}
	if s.broken != nil {
		s.unlock()
		return s.broken
	}
	return nil
}

func (s *Session) unlock() { <-s.sem }

// User returns the logged-in account.
func (s *Session) User() User { return s.shown().user }

// Periods returns the grading periods Grades accepts (the school's periods when the account
// lists none).
func (s *Session) Periods() []Period { return s.shown().periodList() }

// periodList is what Periods returns for a; the calls use it on s.acct, under sem.
func (a *account) periodList() []Period {
	if len(a.gradePeriods) > 0 {
		return append([]Period(nil), a.gradePeriods...)
	}
	return append([]Period(nil), a.periods...)
}

// Kind returns the account kind inferred from the space page.
func (s *Session) Kind() Kind { return s.kind }

// SelectChild chooses which child a parent account's data calls are about.
func (s *Session) SelectChild(id string) error {
	id = s.alias(id) // an id from before an automatic login (relogin.go)
	for i, c := range s.shown().children {
		if c.N == id {
			s.mu.Lock()
			s.child = i
			s.mu.Unlock()
			return nil
		}
	}
	return argError("child", "no child with this id on this account")
}

// publish makes the account that a login or Resume just completed the one the accessors
// see. Called with sem held.
func (s *Session) publish() {
	a := s.acct
	s.pub.Store(&a)
}

// shown is the published account (an empty one until the first login completes).
func (s *Session) shown() *account {
	if a := s.pub.Load(); a != nil {
		return a
	}
	return &account{}
}

// subject is whom a typed call is about: the user, or for parents the selected child. It is
// read once per typed call, so that every request of that call (its ressource and its membre)
// names the same person even when SelectChild runs meanwhile.
type subject struct {
	res   resource
	child bool // a parent's child: sent as membre
}

// subject returns whom data calls are about now.
func (s *Session) subject() subject {
	if len(s.acct.children) == 0 {
		return subject{res: s.acct.resource}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return subject{res: s.acct.children[s.child], child: true}
}

// Close ends the session locally: later calls fail with ErrClosed. PRONOTE has no logout
// call that clients need (§7.2); the server forgets the session when it idles out.
func (s *Session) Close() error {
	s.sem <- struct{}{}
	s.closed = true
	s.unlock()
	return nil
}

// today is the date "now" means for this school: DateDemo on demo servers (§5.3).
func (s *Session) today() time.Time {
	if t, err := parseDay("", s.acct.school.DemoDate); err == nil {
		return t
	}
	return s.now()
}

// firstMonday is the origin of week numbers (§9.4).
func (s *Session) firstMonday() time.Time {
	t, _ := parseDay("", s.acct.school.FirstMonday)
	return t
}

// Logger receives the library's debug lines, which hold no secret. A *slog.Logger is one; the
// package does not import log/slog, which would cost the WebAssembly module about 23 KiB gzip.
type Logger interface {
	Debug(msg string, args ...any)
}

type discard struct{}

func (discard) Debug(string, ...any) {}
