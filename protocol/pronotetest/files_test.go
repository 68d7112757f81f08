package pronotetest

import (
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// lessonContentsOf asks PageCahierDeTexte on onglet 89 for week w.
func lessonContentsOf(t *testing.T, c *client, w int) []map[string]any {
	t.Helper()
	reply, e := c.call("PageCahierDeTexte", callOpts{sig: map[string]any{"onglet": 89},
		data: map[string]any{"domaine": map[string]any{"_T": 8, "V": wire.FormatDomain([]int{w})}}})
	if e != nil {
		t.Fatalf("PageCahierDeTexte 89: %+v", e)
	}
	var cdt struct{ ListeCahierDeTextes struct{ V []map[string]any } }
	c.dataOf(reply, &cdt)
	return cdt.ListeCahierDeTextes.V
}

// TestLessonContentsAndFiles: onglet 89 lists the week's class book as the dataset has it,
// and its file is served under FichiersExternes for the id encrypted with the session key,
// padded once or twice; other ids, sessions and cookies get 404.
func TestLessonContentsAndFiles(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2024, Encrypt: true})
	c := open(t, srv, "eleve.html")
	c.mustLogin(StudentUsername, StudentPassword)
	d := NewDemo(testNow)
	week := d.Week(testNow) - 1
	items := lessonContentsOf(t, c, week)
	want := d.LessonContents(StudentLea, d.MondayOfWeek(week), d.MondayOfWeek(week).AddDate(0, 0, 6))
	if len(items) != len(want) || len(items) < 20 {
		t.Fatalf("%d entries, want %d", len(items), len(want))
	}
	var fileN, fileName string
	for _, it := range items {
		b, _ := json.Marshal(it["listeContenus"])
		var contents struct {
			V []struct {
				ListePieceJointe struct {
					V []struct {
						N, L string
						G    int
					}
				}
			}
		}
		json.Unmarshal(b, &contents)
		for _, ct := range contents.V {
			for _, a := range ct.ListePieceJointe.V {
				if a.G == 1 {
					fileN, fileName = a.N, a.L
				}
			}
		}
	}
	if fileName != "cours.pdf" {
		t.Fatalf("no file in the week's class book")
	}
	idJSON := `{"N":"` + fileN + `","Actif":true}`
	once := wire.EncryptHex(c.key, c.iv, idJSON)
	twice := hex.EncodeToString(wire.Encrypt(c.key, c.iv, append([]byte(idJSON), []byte(strings.Repeat("\x10", 16))...)))
	path := func(h string, session int) string {
		return "FichiersExternes/" + h + "/" + url.PathEscape(fileName) + "?Session=" + strconv.Itoa(session)
	}
	for _, h := range []string{once, twice} {
		status, body, header := c.get(path(h, c.h))
		if status != 200 || header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Errorf("GET the file: %d %s %.40q", status, header.Get("Content-Type"), body)
		}
	}
	other := open(t, srv, "eleve.html")
	other.mustLogin(StudentUsername, StudentPassword)
	for name, p := range map[string]string{
		"unknown id":           "FichiersExternes/" + wire.EncryptHex(c.key, c.iv, `{"N":"48#x","Actif":true}`) + "/x.pdf?Session=" + strconv.Itoa(c.h),
		"inactive":             "FichiersExternes/" + wire.EncryptHex(c.key, c.iv, `{"N":"`+fileN+`","Actif":false}`) + "/x.pdf?Session=" + strconv.Itoa(c.h),
		"not hex":              "FichiersExternes/zz/x.pdf?Session=" + strconv.Itoa(c.h),
		"another session":      path(once, other.h),
		"no session":           strings.TrimSuffix(path(once, c.h), "?Session="+strconv.Itoa(c.h)),
		"an unknown session":   path(once, 1),
		"a session not logged": path(once, open(t, srv, "eleve.html").h),
	} {
		if status, _, _ := c.get(p); status != 404 {
			t.Errorf("%s: HTTP %d, want 404", name, status)
		}
	}
}

// TestHomeworkDoneRefusals: SaisieTAFFaitEleve checks every item before applying any.
func TestHomeworkDoneRefusals(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2025})
	c := open(t, srv, "parent.html")
	params := c.mustLogin(ParentUsername, ParentPassword)
	member := func(child int) map[string]any {
		return map[string]any{"onglet": 88, "membre": map[string]any{"N": resourceOf(params, child)["N"], "G": 4}}
	}
	list := func(child int) []map[string]any {
		reply, e := c.call("PageCahierDeTexte", callOpts{sig: member(child),
			data: map[string]any{"domaine": map[string]any{"_T": 8, "V": "[12]"}}})
		if e != nil {
			t.Fatal(e)
		}
		var hw struct{ ListeTravauxAFaire struct{ V []map[string]any } }
		c.dataOf(reply, &hw)
		return hw.ListeTravauxAFaire.V
	}
	lea, hugo := list(0), list(1)
	item := func(h map[string]any, extra ...any) map[string]any {
		m := map[string]any{"N": h["N"], "TAFFait": !h["TAFFait"].(bool)}
		if len(extra) == 2 {
			m[extra[0].(string)] = extra[1]
		}
		return m
	}
	for _, tc := range []struct {
		name  string
		items []any
		g     int
	}{
		{"E 3", []any{item(lea[0], "E", 3)}, 21},
		{"no TAFFait", []any{map[string]any{"N": lea[0]["N"]}}, 21},
		{"an id not handed out", []any{item(lea[0]), map[string]any{"N": "88#nope", "TAFFait": true}}, 22},
		{"not a homework id", []any{map[string]any{"N": resourceOf(params, 0)["N"], "TAFFait": true}}, 22},
		{"another child's homework", []any{item(lea[0]), item(hugo[0])}, 3},
		{"empty", []any{}, 21},
	} {
		if _, e := c.call("SaisieTAFFaitEleve", callOpts{sig: member(0), data: map[string]any{"listeTAF": tc.items}}); e == nil || e.G != tc.g {
			t.Errorf("%s: %+v, want G %d", tc.name, e, tc.g)
		}
		c.counter += 2 // an Erreur consumes the exchange
	}
	if got := list(0); got[0]["TAFFait"] != lea[0]["TAFFait"] {
		t.Error("a refused batch applied its valid item")
	}
	if _, e := c.call("SaisieTAFFaitEleve", callOpts{sig: member(0), data: map[string]any{"listeTAF": []any{item(lea[0])}}}); e != nil {
		t.Fatal(e)
	}
	if got := list(0); got[0]["TAFFait"] == lea[0]["TAFFait"] || got[1]["TAFFait"] != lea[1]["TAFFait"] {
		t.Error("the write did not change exactly its item")
	}
}
