package pronotetest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// testNow is the fixed dataset anchor of the tests: a Monday, week 12 of 2026-2027.
var testNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// startServer starts a server with the fixed date and deterministic options.
func startServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	srv := NewServer(opts)
	t.Cleanup(srv.Close)
	return srv
}

// client is a scripted PRONOTE client written with the wire primitives only.
type client struct {
	t         *testing.T
	srv       *Server
	keys      wire.Keys
	flags     wire.Flags
	h, a      int
	key, iv   []byte
	ivTemp    []byte
	counter   int
	cookies   map[string]string
	noCookies bool
}

// erreur is a top-level Erreur reply.
type erreur struct {
	G     int
	Titre string
}

var (
	reOnloadH = regexp.MustCompile(`Start \(\{h:'(\d+)'.*?,a:(\d+)`)
	reScriptH = regexp.MustCompile(`Start \(\{"h":(\d+).*?"a":(\d+)`)
)

// open GETs a space page and reads h and a from Start().
func open(t *testing.T, srv *Server, page string) *client {
	t.Helper()
	c := &client{t: t, srv: srv, keys: srv.opts.Profile.dialect().Keys(), cookies: map[string]string{},
		flags: wire.Flags{Encrypt: srv.opts.Encrypt, Compress: srv.opts.Compress},
		key:   wire.InitialKey, iv: wire.ZeroIV, counter: 1, ivTemp: []byte("0123456789abcdef")}
	status, body, _ := c.get(page + "?fd=1&login=true")
	m := reOnloadH.FindStringSubmatch(body)
	if m == nil {
		m = reScriptH.FindStringSubmatch(body)
	}
	if status != 200 || m == nil {
		t.Fatalf("GET %s: status %d, no Start(): %.300s", page, status, body)
	}
	c.h, _ = strconv.Atoi(m[1])
	c.a, _ = strconv.Atoi(m[2])
	return c
}

func (c *client) get(pathQuery string) (int, string, http.Header) {
	c.t.Helper()
	resp, err := http.Get(c.srv.URL + pathQuery)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, ck := range resp.Cookies() {
		c.cookies[ck.Name] = ck.Value
	}
	return resp.StatusCode, string(b), resp.Header
}

// call is one exchange with the default envelope.
type callOpts struct {
	data, sig any
	bothData  bool                 // FonctionParametres data under data and donnees
	mutate    func(map[string]any) // change the envelope before sending
	urlNo     string               // order number in the URL, if not the body's
	keepOrder bool                 // do not check the reply's order number
}

// call sends a function and returns the decoded reply payload, or the Erreur.
func (c *client) call(name string, o callOpts) (map[string]json.RawMessage, *erreur) {
	c.t.Helper()
	inner := map[string]any{}
	if o.data != nil {
		inner[c.keys.Data] = o.data
		if o.bothData {
			inner["data"], inner["donnees"] = o.data, o.data
		}
	}
	if o.sig != nil {
		inner[c.keys.Signature] = o.sig
	}
	js, _ := json.Marshal(inner)
	no := wire.OrderNumber(c.key, c.iv, c.counter)
	env := map[string]any{c.keys.Name: name, "session": c.h, c.keys.Order: no,
		c.keys.Payload: wire.EncodeRequest(c.flags, wire.Crypt{Key: c.key, IV: c.iv}, js)}
	if o.mutate != nil {
		o.mutate(env)
	}
	if o.urlNo == "" {
		o.urlNo = no
	}
	body := c.post(fmt.Sprintf("appelfonction/%d/%d/%s", c.a, c.h, o.urlNo), env)
	if name == "FonctionParametres" {
		c.iv = wire.IVFrom(c.ivTemp)
	}
	return c.decode(body, o.keepOrder)
}

func (c *client) post(path string, env map[string]any) []byte {
	c.t.Helper()
	js, _ := json.Marshal(env)
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+path, bytes.NewReader(js))
	req.Header.Set("Content-Type", "application/json")
	if !c.noCookies {
		for k, v := range c.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	for _, ck := range resp.Cookies() {
		c.cookies[ck.Name] = ck.Value
	}
	b, _ := io.ReadAll(resp.Body)
	return b
}

// decode checks a reply's order number (counter+1) and decodes its payload.
func (c *client) decode(body []byte, keepOrder bool) (map[string]json.RawMessage, *erreur) {
	c.t.Helper()
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil {
		c.t.Fatalf("reply is not JSON: %.200s", body)
	}
	if raw, ok := env["Erreur"]; ok {
		var e erreur
		json.Unmarshal(raw, &e)
		return nil, &e
	}
	var no string
	json.Unmarshal(env[c.keys.Order], &no)
	if !keepOrder && !wire.OrderNumberIs(c.key, c.iv, no, c.counter+1) {
		c.t.Fatalf("reply order number does not decrypt to %d", c.counter+1)
	}
	c.counter += 2
	plain, err := wire.DecodeResponse(c.flags, wire.Crypt{Key: c.key, IV: c.iv}, env[c.keys.Payload])
	if err != nil {
		c.t.Fatalf("reply payload: %v", err)
	}
	var p map[string]json.RawMessage
	if err := json.Unmarshal(plain, &p); err != nil {
		c.t.Fatalf("reply payload is not an object: %.200s", plain)
	}
	return p, nil
}

// dataOf unmarshals the data object of a reply payload.
func (c *client) dataOf(p map[string]json.RawMessage, v any) {
	c.t.Helper()
	if err := json.Unmarshal(p[c.keys.Data], v); err != nil {
		c.t.Fatalf("reply data: %v", err)
	}
}

// login runs FonctionParametres, Identification and Authentification; it returns the
// Authentification data, or the Erreur of the call that failed.
func (c *client) login(username, password string) (map[string]any, *erreur) {
	c.t.Helper()
	fp := map[string]any{"Uuid": base64.StdEncoding.EncodeToString(c.ivTemp), "identifiantNav": nil}
	if _, e := c.call("FonctionParametres", callOpts{data: fp}); e != nil {
		return nil, e
	}
	key, answer, e := c.identify(username, password, false)
	if e != nil {
		return nil, e
	}
	return c.authenticate(key, answer)
}

// identify asks for the challenge and answers it (legacy when forced or when the challenge
// is not direct).
func (c *client) identify(username, password string, forceLegacy bool) ([]byte, string, *erreur) {
	c.t.Helper()
	p, e := c.call("Identification", callOpts{data: map[string]any{
		"genreConnexion": 0, "genreEspace": c.a, "identifiant": username, "pourENT": false,
		"enConnexionAuto": false, "demandeConnexionAuto": false, "demandeConnexionAppliMobile": false,
		"demandeConnexionAppliMobileJeton": false, "enConnexionAppliMobile": false,
		"uuidAppliMobile": "", "loginTokenSAV": ""}})
	if e != nil {
		return nil, "", e
	}
	var id struct {
		Alea, Challenge          string
		ModeCompLog, ModeCompMdp int
	}
	c.dataOf(p, &id)
	key := wire.ChallengeKey(username, id.Alea, password, id.ModeCompLog == 1, id.ModeCompMdp == 1)
	if wire.IsDirectChallenge(id.Alea, id.Challenge) && !forceLegacy {
		return key, wire.SolveDirectChallenge(key, c.iv, id.Challenge), nil
	}
	answer, err := wire.SolveLegacyChallenge(key, c.iv, id.Challenge)
	if err != nil {
		answer = wire.EncryptHex(key, c.iv, "wrong")
	}
	return key, answer, nil
}

func (c *client) authenticate(key []byte, answer string) (map[string]any, *erreur) {
	c.t.Helper()
	p, e := c.call("Authentification", callOpts{data: map[string]any{"connexion": 0, "challenge": answer, "espace": c.a}})
	if e != nil {
		return nil, e
	}
	var auth map[string]any
	c.dataOf(p, &auth)
	if cle, ok := auth["cle"].(string); ok {
		plain, err := wire.DecryptHex(key, c.iv, cle)
		if err != nil {
			c.t.Fatalf("cle does not decrypt: %v", err)
		}
		if c.key, err = wire.SessionKey(string(plain)); err != nil {
			c.t.Fatal(err)
		}
	}
	return auth, nil
}

// mustLogin logs in and fetches ParametresUtilisateur.
func (c *client) mustLogin(username, password string) map[string]any {
	c.t.Helper()
	auth, e := c.login(username, password)
	if e != nil || auth["cle"] == nil {
		c.t.Fatalf("login %s: erreur %+v, reply %v", username, e, auth)
	}
	p, e := c.call("ParametresUtilisateur", callOpts{})
	if e != nil {
		c.t.Fatalf("ParametresUtilisateur: %+v", e)
	}
	var params map[string]any
	c.dataOf(p, &params)
	return params
}

// resourceOf returns {N, G, L} of the user's resource (or a parent's i-th child).
func resourceOf(params map[string]any, child int) map[string]any {
	r := params["ressource"].(map[string]any)
	if kids, ok := r["listeRessources"].([]any); ok {
		r = kids[child].(map[string]any)
	}
	return map[string]any{"N": r["N"], "G": r["G"], "L": r["L"]}
}

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("missing %q in %.400s", sub, s)
		}
	}
}
