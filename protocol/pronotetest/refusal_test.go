package pronotetest

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// TestRefusals checks that client bugs get the Erreur a real server sends.
func TestRefusals(t *testing.T) {
	uuid := func(c *client) map[string]any {
		return map[string]any{"Uuid": base64.StdEncoding.EncodeToString(c.ivTemp), "identifiantNav": nil}
	}
	week := func(c *client, params map[string]any) map[string]any {
		res := resourceOf(params, 0)
		return map[string]any{"ressource": res, "Ressource": res, "numeroSemaine": 12, "NumeroSemaine": 12}
	}
	tests := []struct {
		name  string
		opts  Options
		wantG int
		run   func(t *testing.T, c *client) *erreur
	}{
		{"wrong order number before login", Options{}, 14, func(t *testing.T, c *client) *erreur {
			c.counter = 3
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
		{"URL order differs from body", Options{Profile: Profile2025}, 14, func(t *testing.T, c *client) *erreur {
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c), urlNo: strings.Repeat("0", 32)})
			return e
		}},
		{"wrong order number after login is fatal", Options{Profile: Profile2024}, 10, func(t *testing.T, c *client) *erreur {
			c.mustLogin(StudentUsername, StudentPassword)
			c.counter += 2
			if _, e := c.call("ParametresUtilisateur", callOpts{}); e == nil || e.G != 8 {
				t.Errorf("got %+v, want G 8", e)
			}
			c.counter -= 2
			_, e := c.call("ParametresUtilisateur", callOpts{})
			return e
		}},
		{"session in body differs", Options{Profile: Profile2025}, 11, func(t *testing.T, c *client) *erreur {
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c), mutate: func(m map[string]any) { m["session"] = c.h + 1 }})
			return e
		}},
		{"session as a string", Options{}, 11, func(t *testing.T, c *client) *erreur {
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c), mutate: func(m map[string]any) { m["session"] = strconv.Itoa(c.h) }})
			return e
		}},
		{"missing cookie", Options{RequireCookie: true}, 13, func(t *testing.T, c *client) *erreur {
			c.noCookies = true
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
		{"wrong cookie", Options{}, 13, func(t *testing.T, c *client) *erreur {
			c.cookies[cookieName] = "0000"
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
		{"2025 outer keys on a 2023 server", Options{}, 11, func(t *testing.T, c *client) *erreur {
			c.keys = wire.D2025.Keys()
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
		{"inner data on a 2023 server", Options{Encrypt: true}, 11, func(t *testing.T, c *client) *erreur {
			c.keys.Data = "data"
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
		{"donnees only on a 2025 server", Options{Profile: Profile2025}, 11, func(t *testing.T, c *client) *erreur {
			c.keys.Data = "donnees"
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
		{"plain object with encryption on", Options{Profile: Profile2025, Encrypt: true}, 14, func(t *testing.T, c *client) *erreur {
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c), mutate: func(m map[string]any) { m["dataSec"] = map[string]any{"data": uuid(c)} }})
			return e
		}},
		{"signature on Identification", Options{Profile: Profile2025}, 11, func(t *testing.T, c *client) *erreur {
			c.call("FonctionParametres", callOpts{data: uuid(c)})
			_, e := c.call("Identification", callOpts{data: map[string]any{"identifiant": "x", "genreEspace": c.a}, sig: map[string]any{"onglet": 7}})
			return e
		}},
		{"data call before login", Options{}, 14, func(t *testing.T, c *client) *erreur {
			c.call("FonctionParametres", callOpts{data: uuid(c)})
			_, e := c.call("PageEmploiDuTemps", callOpts{sig: map[string]any{"onglet": 16}, data: map[string]any{}})
			return e
		}},
		{"onglet not in listeOnglets", Options{Profile: Profile2025}, 3, func(t *testing.T, c *client) *erreur {
			c.mustLogin(StudentUsername, StudentPassword)
			_, e := c.call("PageEmploiDuTemps", callOpts{sig: map[string]any{"onglet": 88}, data: map[string]any{}})
			return e
		}},
		{"only one spelling of numeroSemaine", Options{Profile: Profile2025}, 21, func(t *testing.T, c *client) *erreur {
			params := c.mustLogin(StudentUsername, StudentPassword)
			data := week(c, params)
			delete(data, "NumeroSemaine")
			_, e := c.call("PageEmploiDuTemps", callOpts{sig: map[string]any{"onglet": 16}, data: data})
			return e
		}},
		{"Presence on a 2025 server", Options{Profile: Profile2025}, 21, func(t *testing.T, c *client) *erreur {
			c.mustLogin(StudentUsername, StudentPassword)
			_, e := c.call("Presence", callOpts{sig: map[string]any{"onglet": 7}})
			return e
		}},
		{"N of another session", Options{Profile: Profile2025}, 22, func(t *testing.T, c *client) *erreur {
			other := open(t, c.srv, "eleve.html")
			params := other.mustLogin(StudentUsername, StudentPassword)
			c.mustLogin(StudentUsername, StudentPassword)
			_, e := c.call("PageEmploiDuTemps", callOpts{sig: map[string]any{"onglet": 16}, data: week(c, params)})
			return e
		}},
		{"rate limit after three failures", Options{Profile: Profile2025}, 25, func(t *testing.T, c *client) *erreur {
			for range 3 {
				c2 := open(t, c.srv, "eleve.html")
				if auth, e := c2.login(StudentUsername, "wrong"); e != nil || auth["Acces"] != float64(1) || auth["cle"] != nil {
					t.Fatalf("bad password: %+v %v", e, auth)
				}
			}
			_, e := c.login(StudentUsername, StudentPassword)
			return e
		}},
		{"expired session", Options{Profile: Profile2025}, 10, func(t *testing.T, c *client) *erreur {
			c.mustLogin(StudentUsername, StudentPassword)
			c.srv.Inject(FaultExpireSession)
			if _, e := c.call("Navigation", callOpts{sig: map[string]any{"onglet": 7}, data: map[string]any{"onglet": 7, "ongletPrec": 7}}); e == nil || e.G != 10 {
				t.Errorf("got %+v", e)
			}
			_, e := c.call("Navigation", callOpts{sig: map[string]any{"onglet": 7}, data: map[string]any{"onglet": 7, "ongletPrec": 7}})
			return e
		}},
		{"injected server error", Options{Profile: Profile2024}, 42, func(t *testing.T, c *client) *erreur {
			c.srv.Inject(FaultServerError{G: 42, Title: "Erreur de test"})
			_, e := c.call("FonctionParametres", callOpts{data: uuid(c)})
			return e
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := startServer(t, tc.opts)
			e := tc.run(t, open(t, srv, "eleve.html"))
			if e == nil || e.G != tc.wantG {
				t.Fatalf("got %+v, want Erreur G %d", e, tc.wantG)
			}
			if strings.Contains(e.Titre, "pronotevs") || strings.Contains(e.Titre, "wire") {
				t.Errorf("title leaks: %q", e.Titre)
			}
		})
	}
}

// TestLoginVariants covers the challenge schemes, the Uuid variants and the FonctionParametres
// payload under both keys.
func TestLoginVariants(t *testing.T) {
	t.Run("legacy answer on 2026 is refused", func(t *testing.T) {
		c := open(t, startServer(t, Options{Profile: Profile2026}), "eleve.html")
		c.call("FonctionParametres", callOpts{data: map[string]any{"Uuid": base64.StdEncoding.EncodeToString(c.ivTemp)}})
		key, answer, _ := c.identify(StudentUsername, StudentPassword, true)
		if auth, e := c.authenticate(key, answer); e != nil || auth["Acces"] != float64(1) {
			t.Fatalf("got %+v %v, want Acces 1", e, auth)
		}
	})
	t.Run("unknown user gets a challenge", func(t *testing.T) {
		c := open(t, startServer(t, Options{Profile: Profile2025}), "eleve.html")
		if auth, e := c.login("nobody", StudentPassword); e != nil || auth["Acces"] != float64(1) {
			t.Fatalf("got %+v %v, want Acces 1", e, auth)
		}
	})
	t.Run("parent account on the student page", func(t *testing.T) {
		c := open(t, startServer(t, Options{}), "eleve.html")
		if auth, e := c.login(ParentUsername, ParentPassword); e != nil || auth["Acces"] != float64(1) {
			t.Fatalf("got %+v %v, want Acces 1", e, auth)
		}
	})
	for _, p := range []Profile{Profile2023, Profile2025} {
		t.Run("FonctionParametres under both keys/"+p.Name, func(t *testing.T) {
			c := open(t, startServer(t, Options{Profile: p, Compress: true}), "mobile.eleve.html")
			uuid := map[string]any{"Uuid": base64.StdEncoding.EncodeToString(c.ivTemp), "identifiantNav": nil}
			if _, e := c.call("FonctionParametres", callOpts{data: uuid, bothData: true}); e != nil {
				t.Fatalf("%+v", e)
			}
		})
	}
	t.Run("http: RSA Uuid with the constant key", func(t *testing.T) {
		iv := []byte("fedcba9876543210")
		srv := startServer(t, Options{Profile: Profile2024, HTTP: true, ClientIV: iv, Encrypt: true})
		c := open(t, srv, "eleve.html")
		c.ivTemp = iv
		n, e, _ := wire.ParseRSAKey(wire.RSAModulus, "10001")
		ct, _ := wire.RSAEncrypt(strings.NewReader(strings.Repeat("\x07", 200)), n, e, iv)
		if _, er := c.call("FonctionParametres", callOpts{data: map[string]any{"Uuid": base64.StdEncoding.EncodeToString(ct)}}); er != nil {
			t.Fatalf("%+v", er)
		}
	})
}
