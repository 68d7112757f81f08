package pronotetest

import (
	"encoding/json"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// stage is when a function may be called in a session.
type stage int

const (
	stageStart    stage = iota // FonctionParametres only, first
	stageIdentify              // after FonctionParametres, before login
	stageAnswer                // after Identification
	stageLogged                // after a successful Authentification
)

// dataFunc answers a data call about one pupil.
type dataFunc func(s *Server, sess *session, req request, st Student) (reply, *protoError)

// function describes a function the server knows.
type function struct {
	stage   stage
	login   func(s *Server, sess *session, req request) (reply, *protoError) // no signature
	data    dataFunc                                                         // with a signature
	onglets []int                                                            // allowed tabs of a data call
	dialect wire.Dialect                                                     // only this dialect when set
}

// functions are the functions the server knows: each area's file registers its own (data_*.go
// for data calls, login.go and user.go for the login), and the tabs the server lists in
// listeOnglets and accepts in signatures are those the data calls registered.
var functions = map[string]function{}

// register adds a function; a name registered twice is a programming error.
func register(name string, f function) {
	if _, dup := functions[name]; dup {
		panic("pronotetest: function " + name + " registered twice")
	}
	functions[name] = f
}

// stageOf is where a session stands.
func (sess *session) stage() stage {
	switch {
	case sess.user != nil:
		return stageLogged
	case sess.pending != nil:
		return stageAnswer
	case sess.fpDone:
		return stageIdentify
	}
	return stageStart
}

// dispatch checks the function against the session's stage and the signature rules, then
// runs it. Unknown functions answer G 21 once logged in (G 14 before).
func (s *Server) dispatch(sess *session, req request) (reply, *protoError) {
	fn, ok := functions[req.name]
	if ok && fn.dialect != 0 && fn.dialect != s.opts.Profile.dialect() {
		ok = false
	}
	cur := sess.stage()
	switch {
	case !ok && cur == stageLogged:
		return reply{}, fail(21)
	case !ok:
		return reply{}, fatal(14)
	case fn.stage != cur && !(fn.stage == stageIdentify && cur == stageAnswer):
		if cur == stageLogged {
			return reply{}, fail(21)
		}
		return reply{}, fatal(14)
	}
	if fn.login != nil {
		if req.sig != nil {
			return reply{}, fatal(11)
		}
		return fn.login(s, sess, req)
	}
	st, refusal, perr := s.checkSignature(sess, req, fn.onglets)
	if perr != nil || refusal != nil {
		return reply{data: map[string]any{}, sig: refusal}, perr
	}
	return fn.data(s, sess, req, st)
}

// signature is the inner signature of a data call (§4.4).
type signature struct {
	Onglet *int      `json:"onglet"`
	Membre *resource `json:"membre"`
}

// resource is an {N, G, L} reference sent by a client.
type resource struct {
	N string `json:"N"`
	G int    `json:"G"`
}

// checkSignature checks the tab (it must be one of the function's and in listeOnglets) and
// finds the pupil the call is about. A parent must name a child in membre; a missing or
// foreign member gets a refusal in the reply's signature (Erreur true).
func (s *Server) checkSignature(sess *session, req request, onglets []int) (Student, map[string]any, *protoError) {
	var sig signature
	if req.sig == nil || json.Unmarshal(req.sig, &sig) != nil || sig.Onglet == nil {
		return Student{}, nil, fail(3)
	}
	if !contains(onglets, *sig.Onglet) || !servedTabs()[*sig.Onglet] {
		return Student{}, nil, fail(3)
	}
	refuse := map[string]any{"Erreur": true, "MessageErreur": "Accès refusé : aucun élève sélectionné."}
	if sig.Membre != nil {
		if _, known := sess.lookup(sig.Membre.N); !known {
			return Student{}, nil, fail(22)
		}
		st, ok := sess.childByN(sig.Membre.N)
		if !ok || sig.Membre.G != 4 {
			return Student{}, refuse, nil
		}
		return st, nil, nil
	}
	if sess.user.kind != "parent" {
		return sess.user.children[0], nil, nil
	}
	if !s.opts.AllowMissingMember {
		return Student{}, refuse, nil
	}
	if st, ok := s.resourceChild(sess, req.data); ok {
		sess.lastChild = st
	}
	if sess.lastChild.ID == "" {
		sess.lastChild = sess.user.children[0]
	}
	return sess.lastChild, nil, nil
}

// resourceChild is the child named by data.ressource, for lenient parent calls.
func (s *Server) resourceChild(sess *session, data json.RawMessage) (Student, bool) {
	var q struct {
		Ressource *resource `json:"ressource"`
	}
	if data == nil || json.Unmarshal(data, &q) != nil || q.Ressource == nil {
		return Student{}, false
	}
	return sess.childByN(q.Ressource.N)
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
