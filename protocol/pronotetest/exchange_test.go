package pronotetest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// TestExchange logs in and reads data for every profile and every flag combination, with a
// client written from protocol.md and the wire primitives.
func TestExchange(t *testing.T) {
	demo := NewDemo(testNow)
	want := len(demo.Lessons(StudentLea, demo.MondayOfWeek(12), demo.MondayOfWeek(12).AddDate(0, 0, 6)))
	for _, p := range Profiles() {
		for _, fl := range []wire.Flags{{}, {Encrypt: true}, {Compress: true}, {Encrypt: true, Compress: true}} {
			t.Run(fmt.Sprintf("%s/enc=%v/comp=%v", p.Name, fl.Encrypt, fl.Compress), func(t *testing.T) {
				srv := startServer(t, Options{Profile: p, Encrypt: fl.Encrypt, Compress: fl.Compress, RequireCookie: true})
				page := "eleve.html"
				if p.Name == "2025" {
					page = "mobile.eleve.html"
				}
				c := open(t, srv, page)
				params := c.mustLogin("Demonstration", StudentPassword) // the server matches case-insensitively
				res := resourceOf(params, 0)
				if res["L"] != StudentLea.Name {
					t.Errorf("ressource.L = %v", res["L"])
				}
				reply, e := c.call("PageEmploiDuTemps", callOpts{sig: map[string]any{"onglet": 16},
					data: map[string]any{"ressource": res, "Ressource": res, "numeroSemaine": 12, "NumeroSemaine": 12}})
				if e != nil {
					t.Fatalf("PageEmploiDuTemps: %+v", e)
				}
				var tt struct{ ListeCours []map[string]any }
				c.dataOf(reply, &tt)
				if len(tt.ListeCours) != want || want == 0 {
					t.Errorf("%d lessons, want %d", len(tt.ListeCours), want)
				}
				var data any = map[string]any{"onglet": 7, "ongletPrec": 7}
				keepAlive := "Navigation"
				if p.dialect() == wire.D2023 {
					keepAlive, data = "Presence", nil
				}
				if _, e := c.call(keepAlive, callOpts{sig: map[string]any{"onglet": 7}, data: data}); e != nil {
					t.Fatalf("%s: %+v", keepAlive, e)
				}
			})
		}
	}
}

// TestDataCalls checks the grades and homework replies against the dataset.
func TestDataCalls(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2025, Encrypt: true, Compress: true})
	c := open(t, srv, "eleve.html")
	params := c.mustLogin(StudentUsername, StudentPassword)
	demo := NewDemo(testNow)

	periods := params["ressource"].(map[string]any)["listeOngletsPourPeriodes"].(map[string]any)["V"].([]any)
	def := periods[0].(map[string]any)["periodeParDefaut"].(map[string]any)["V"].(map[string]any)
	if def["L"] != "Trimestre 1" {
		t.Fatalf("default period %v", def["L"])
	}
	reply, e := c.call("DernieresNotes", callOpts{sig: map[string]any{"onglet": 198},
		data: map[string]any{"Periode": map[string]any{"N": def["N"], "L": def["L"], "G": 1}}})
	if e != nil {
		t.Fatalf("DernieresNotes: %+v", e)
	}
	var notes struct {
		ListeDevoirs struct{ V []map[string]any }
		MoyGenerale  struct{ V string }
	}
	c.dataOf(reply, &notes)
	rep := demo.Grades(StudentLea, "periode-t1")
	if len(notes.ListeDevoirs.V) != len(rep.Grades) || notes.MoyGenerale.V != rep.Overall {
		t.Errorf("%d grades, overall %q; want %d, %q", len(notes.ListeDevoirs.V), notes.MoyGenerale.V, len(rep.Grades), rep.Overall)
	}

	reply, e = c.call("PageCahierDeTexte", callOpts{sig: map[string]any{"onglet": 88},
		data: map[string]any{"domaine": map[string]any{"_T": 8, "V": "[12..13]"}}})
	if e != nil {
		t.Fatalf("PageCahierDeTexte: %+v", e)
	}
	var hw struct{ ListeTravauxAFaire struct{ V []map[string]any } }
	c.dataOf(reply, &hw)
	wantHW := demo.Homework(StudentLea, demo.MondayOfWeek(12), demo.MondayOfWeek(14).AddDate(0, 0, -1))
	if len(hw.ListeTravauxAFaire.V) != len(wantHW) || len(wantHW) == 0 {
		t.Fatalf("%d homework, want %d", len(hw.ListeTravauxAFaire.V), len(wantHW))
	}
	first := hw.ListeTravauxAFaire.V[0]
	done := first["TAFFait"].(bool)
	if _, e := c.call("SaisieTAFFaitEleve", callOpts{sig: map[string]any{"onglet": 88},
		data: map[string]any{"listeTAF": []any{map[string]any{"N": first["N"], "TAFFait": !done, "E": 2}}}}); e != nil {
		t.Fatalf("SaisieTAFFaitEleve: %+v", e)
	}
	reply, _ = c.call("PageCahierDeTexte", callOpts{sig: map[string]any{"onglet": 88},
		data: map[string]any{"domaine": map[string]any{"_T": 8, "V": "[12..13]"}}})
	c.dataOf(reply, &hw)
	if hw.ListeTravauxAFaire.V[0]["TAFFait"].(bool) == done {
		t.Error("SaisieTAFFaitEleve did not change TAFFait")
	}
}

// TestParent checks that a parent's calls depend on the child named in membre.
func TestParent(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2024, Encrypt: true})
	c := open(t, srv, "parent.html")
	params := c.mustLogin(ParentUsername, ParentPassword)
	kids := params["ressource"].(map[string]any)["listeRessources"].([]any)
	if len(kids) != 2 {
		t.Fatalf("%d children", len(kids))
	}
	count := func(child int, withMember bool) (int, string) {
		res := resourceOf(params, child)
		sig := map[string]any{"onglet": 16}
		if withMember {
			sig["membre"] = map[string]any{"N": res["N"], "G": 4}
		}
		reply, e := c.call("PageEmploiDuTemps", callOpts{sig: sig, data: map[string]any{
			"ressource": res, "Ressource": res, "numeroSemaine": 12, "NumeroSemaine": 12}})
		if e != nil {
			t.Fatalf("PageEmploiDuTemps: %+v", e)
		}
		var tt struct{ ListeCours []map[string]any }
		c.dataOf(reply, &tt)
		var sig2 map[string]any
		json.Unmarshal(reply[c.keys.Signature], &sig2)
		msg, _ := sig2["MessageErreur"].(string)
		return len(tt.ListeCours), msg
	}
	lea, _ := count(0, true)
	hugo, _ := count(1, true)
	if lea == 0 || hugo == 0 || lea == hugo {
		t.Errorf("lessons: Léa %d, Hugo %d", lea, hugo)
	}
	if n, msg := count(0, false); n != 0 || !strings.Contains(msg, "refusé") {
		t.Errorf("without membre: %d lessons, message %q", n, msg)
	}
}
