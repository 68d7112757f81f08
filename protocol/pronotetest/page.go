package pronotetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// space is a space page: its genreEspace and the kind of account it serves.
type space struct {
	a      int
	kind   string // "student" or "parent"
	mobile bool
}

// spaces are the pages served, with the a of their Start() (§2.1).
var spaces = map[string]space{
	"eleve.html":         {3, "student", false},
	"parent.html":        {2, "parent", false},
	"mobile.eleve.html":  {6, "student", true},
	"mobile.parent.html": {7, "parent", true},
}

const cookieName, authCookieName = "pronotetest-session", "pronotetest-auth"

// servePage creates a session and answers its bootstrap page. Without fd=1 it answers the
// "incompatible browser" page, as PRONOTE does for unknown user agents (§2.2).
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, sp space) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Query().Get("fd") != "1" {
		writeHTML(w, htmlMessage("Navigateur incompatible",
			"Ce navigateur n'est plus supporté par PRONOTE. Utilisez un navigateur récent."))
		return
	}
	if s.serveENT(w, r, sp) {
		return
	}
	sess := s.newSession(sp)
	sess.appliMobile = hasAppliMobile(r)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: sess.cookie, Path: RootPath, HttpOnly: true})
	writeHTML(w, s.page(sess))
}

// page renders the space page of a session in the profile's markup.
func (s *Server) page(sess *session) string {
	p := s.opts.Profile
	title := map[string]string{"student": "Espace Élèves", "parent": "Espace Parents"}[sess.kind]
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>PRONOTE - %s - %s</title>\n", title, SchoolName)
	if p.Markup == MarkupScript {
		fmt.Fprintf(&b, "<script>var GMessageNavigateur = \"Ce navigateur n'est plus supporté.\";\n"+
			"window.addEventListener(\"load\", () => {try{Start (%s);} catch (e) {IE.sendLogFailStart (%d, e)}});</script>\n",
			s.startObject(sess, true), sess.h)
		b.WriteString("</head>\n<body id=\"id_body\" role=\"application\" class=\"EspaceIndex\">\n")
	} else {
		fmt.Fprintf(&b, "</head>\n<body id=\"id_body\" role=\"application\" onload=\"try { Start (%s) } catch (e) { messageErreur (e) } \" class=\"EspaceIndex\">\n",
			s.startObject(sess, false))
	}
	fmt.Fprintf(&b, "<div id=\"id_titre\">%s - %s</div>\n", SchoolName, title)
	b.WriteString("<noscript>Activez JavaScript pour utiliser PRONOTE.</noscript>\n")
	fmt.Fprintf(&b, "<div id=\"id_pied\"><span class=\"Texte9\">PRONOTE %s</span> &copy; Index Education (démonstration)</div>\n", p.Version)
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// startObject writes the Start() argument: bare keys and h as a quoted string in the onload
// markup, quoted keys and a numeric h in the script markup.
func (s *Server) startObject(sess *session, quoted bool) string {
	type kv struct {
		k string
		v any
	}
	h := any(strconv.Itoa(sess.h))
	if quoted {
		h = sess.h
	}
	kvs := []kv{{"h", h}}
	for _, f := range s.startFlags(sess.mobile && quoted) {
		kvs = append(kvs, kv{f.key, f.on})
	}
	kvs = append(kvs, kv{"a", sess.a})
	if sess.entLogin != nil { // an ENT login (§6.9)
		kvs = append(kvs, kv{"e", sess.entLogin.username}, kv{"f", sess.entSecret}, kv{"g", 3})
	}
	if !quoted {
		kvs = append(kvs, kv{"d", false})
	}
	if s.rsaKey != nil {
		kvs = append(kvs, kv{"MR", strings.ToUpper(s.rsaKey.N.Text(16))}, kv{"ER", strconv.FormatInt(int64(s.rsaKey.E), 16)})
	} else if s.opts.HTTP {
		kvs = append(kvs, kv{"http", true})
	}
	parts := make([]string, len(kvs))
	for i, e := range kvs {
		val, _ := json.Marshal(e.v)
		if !quoted {
			if str, ok := e.v.(string); ok {
				val = []byte("'" + str + "'")
			}
			parts[i] = e.k + ":" + string(val)
		} else {
			parts[i] = strconv.Quote(e.k) + ":" + string(val)
		}
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// serveInfo answers infoMobileApp.json (§2.8).
func (s *Server) serveInfo(w http.ResponseWriter) {
	v := s.opts.Profile.version()
	writeJSON(w, map[string]any{
		"modeModif": true,
		"version":   []int{v[0], v[1], v[2]},
		"espaces": []map[string]any{
			{"nom": "Espace Élèves", "URL": "mobile.eleve.html", "genreEspace": 6},
			{"nom": "Espace Parents", "URL": "mobile.parent.html", "genreEspace": 7},
		},
		"CAS":     s.casInfo(),
		"nomEtab": SchoolName,
	})
}

// htmlMessage is a message page. Its texts are constants written literally (no entities),
// because clients look for them as substrings (§2.7).
func htmlMessage(title, msg string) string {
	return "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + title +
		"</title></head>\n<body><h1>" + title + "</h1><p>" + msg + "</p></body></html>\n"
}

func writeHTML(w http.ResponseWriter, page string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(page))
}

type startFlag struct {
	key string
	on  bool
}

// startFlags are the payload flags of Start() (§2.5): sCrA/sCoA ("without") before 2025,
// CrA/CoA ("with") after; onlyOn keeps only the flags that are on, as 2026 mobile pages do.
func (s *Server) startFlags(onlyOn bool) []startFlag {
	enc, comp := s.opts.Encrypt, s.opts.Compress
	if s.opts.Profile.dialect() != wire.D2025 {
		return []startFlag{{"sCrA", !enc}, {"sCoA", !comp}}
	}
	var out []startFlag
	for _, f := range []startFlag{{"CrA", enc}, {"CoA", comp}} {
		if f.on || !onlyOn {
			out = append(out, f)
		}
	}
	return out
}
