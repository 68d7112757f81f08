package pronotetest

import (
	"crypto/rand"
	"crypto/rsa"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// RootPath is the path every page and call of the fake server lives under.
const RootPath = "/pronote/"

// Options configures a fake server. The zero value is a 2023 server with encryption and
// compression off, no faults and the real clock.
type Options struct {
	// Profile is the PRONOTE version played; the zero Profile means Profile2023.
	Profile Profile
	// Encrypt and Compress turn the payload transforms on (§2.6); the page's Start() flags
	// say so in the profile's own way (sCrA/sCoA or CrA/CoA).
	Encrypt, Compress bool
	// HTTP adds http:true to Start(): the client RSA-encrypts the Uuid with the constant key
	// of §3.4 (wire.RSAModulus). Nobody can decrypt that, so the server only checks the Uuid
	// is the base64 of 128 bytes and takes the IV material from ClientIV.
	HTTP bool
	// LegacyRSA serves MR/ER of the server's own 1024-bit key pair (≤ 2022 style) and
	// decrypts the Uuid with it. It takes precedence over HTTP.
	LegacyRSA bool
	// ClientIV is the client's iv_temp, needed with HTTP (tests inject it on both sides).
	ClientIV []byte
	// Now anchors the demo school (see Demo); nil means time.Now. Tests pass a fixed date.
	Now func() time.Time
	// Rand is the randomness of session numbers, challenges, cle and cookies; nil means
	// crypto/rand.
	Rand io.Reader
	// MaxFailedLogins is how many consecutive refused Authentifications the server accepts
	// before every Identification and Authentification answers Erreur G 25; 0 means 3.
	MaxFailedLogins int
	// RequireCookie makes every POST carry the session cookie set by the page GET (and, after
	// login, the one set by Authentification). Off by default: a cookie that is sent must
	// match, but none is required, because real servers serve clients such as pawnote 1.6.2
	// that never send cookies on appelfonction POSTs.
	RequireCookie bool
	// AllowMissingMember accepts parent data calls without Signature.membre, as pawnote 1.6.2
	// sends them: the child is then the one named by data.ressource, else the child of the
	// session's previous such call, else the first child.
	// Off by default: a parent call without membre is refused (§4.4).
	AllowMissingMember bool
	// ENT puts a fake ENT (CAS) in front of the space pages: without login=true a page
	// redirects to {root}cas/login, whose form takes the demo accounts' passwords and sets
	// a cookie; the page then carries an ENT login (Start e, f, g:3, §6.9), and hands a token
	// in window.loginState to a mobile page opened with the validation cookies (§12.1).
	// InfoMobileApp.json then says CAS actif with a jetonCAS. Pages with login=true work as
	// without an ENT.
	ENT bool
	// NoICal plays a school that publishes no iCal feed: PageInfosPerso on onglet 16 answers
	// without iCal and the feed's address is 404.
	NoICal bool
}

// Server is a fake PRONOTE server. It is an http.Handler serving RootPath; NewServer also
// starts it on a loopback port. All methods are safe for concurrent use.
type Server struct {
	// URL is the root URL ending in RootPath, e.g. "http://127.0.0.1:PORT/pronote/"; it is
	// empty for a server made by New until the caller sets it.
	URL string

	opts   Options
	ts     *httptest.Server
	rsaKey *rsa.PrivateKey

	mu            sync.Mutex
	sessions      map[string]*session
	created       []string // session numbers, oldest first
	faults        faultState
	failed        int // consecutive refused Authentifications
	log           []LoggedRequest
	done          map[string]bool   // homework done state changed by SaisieTAFFaitEleve
	planted       []Homework        // extra homework added by PlantHomework (planted.go)
	plantedGrades []Grade           // extra grades added by PlantGrade (planted.go)
	tokens        map[string]string // mobile tokens by username and device uuid
	sec           security          // QR codes, devices, PIN tries, new passwords (security.go)

	// What the news and messaging writes changed, by account, until Reset (data_news.go,
	// data_messaging.go): read states of news items, and mailboxes once written to.
	newsRead map[string]bool
	mail     map[string][]Discussion
}

// maxSessions bounds the memory of a long-running demo server.
const maxSessions = 500

// New returns a fake server that is not listening (mount it or call ServeHTTP).
func New(opts Options) *Server {
	if opts.Profile.Version == "" {
		opts.Profile = Profile2023
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Rand == nil {
		opts.Rand = rand.Reader
	}
	if opts.MaxFailedLogins <= 0 {
		opts.MaxFailedLogins = 3
	}
	s := &Server{opts: opts, sessions: map[string]*session{}, done: map[string]bool{}, tokens: map[string]string{}}
	if opts.LegacyRSA {
		key, err := rsa.GenerateKey(rand.Reader, 1024)
		if err != nil {
			panic("pronotetest: cannot generate the legacy RSA key: " + err.Error())
		}
		s.rsaKey = key
	}
	return s
}

// NewServer starts a fake server on 127.0.0.1 at a free port, like httptest.NewServer.
// Close it when done.
func NewServer(opts Options) *Server {
	s := New(opts)
	s.ts = httptest.NewServer(s)
	s.URL = s.ts.URL + RootPath
	return s
}

// Close shuts a server made by NewServer down (it is a no-op for New).
func (s *Server) Close() {
	if s.ts != nil {
		s.ts.Close()
	}
}

// CloseClientConnections closes every connection to a server made by NewServer, idle
// keep-alive ones included, as a server does when its keep-alive timeout runs out.
func (s *Server) CloseClientConnections() {
	if s.ts != nil {
		s.ts.CloseClientConnections()
	}
}

// SpaceURL is the desktop space page of a kind, "student" or "parent" (anything else is
// taken as student): root + "eleve.html" or root + "parent.html", without a query (clients
// add fd=1 and login=true themselves, §2.2). The mobile pages mobile.eleve.html and
// mobile.parent.html are served too.
func (s *Server) SpaceURL(kind string) string {
	if kind == "parent" {
		return s.URL + "parent.html"
	}
	return s.URL + "eleve.html"
}

// Profile is the profile the server plays.
func (s *Server) Profile() Profile { return s.opts.Profile }

// ServeHTTP serves the space pages, infoMobileApp.json and appelfonction calls.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	s.record(r, body)
	if s.serveFault(w, r) {
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, RootPath)
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case spaces[rest].a != 0:
		s.servePage(w, r, spaces[rest])
	case rest == casPath:
		s.serveCAS(w, r, body)
	case strings.EqualFold(rest, "infoMobileApp.json"):
		s.serveInfo(w)
	case strings.HasPrefix(rest, "FichiersExternes/"):
		s.serveFile(w, r, rest)
	case isICalPath(rest):
		s.serveICal(w, r)
	case strings.HasPrefix(rest, "appelfonction/"):
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.serveCall(w, r, strings.TrimPrefix(rest, "appelfonction/"), body)
	default:
		http.NotFound(w, r)
	}
}

// Reset clears the faults, the failed-login counter, the homework, news and messaging
// changes and the request log. Open sessions stay valid.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
	s.faults = faultState{}
	s.failed = 0
	s.log = nil
	s.done = map[string]bool{}
	s.planted, s.plantedGrades = nil, nil
	s.newsRead, s.mail = nil, nil
}

// now is the dataset anchor.
func (s *Server) now() time.Time { return s.opts.Now() }
