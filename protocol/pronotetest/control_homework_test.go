package pronotetest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestControlHomeworkDone: GET homework-done lists what SaisieTAFFaitEleve changed, by the
// dataset's ids, until Reset.
func TestControlHomeworkDone(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2026, Encrypt: true})
	ctl := httptest.NewServer(http.StripPrefix("/__control", srv.Control()))
	defer ctl.Close()
	changes := func() []DoneChange {
		resp, err := http.Get(ctl.URL + "/__control/homework-done")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out []DoneChange
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out == nil {
			t.Fatalf("homework-done: %v, %v", err, out)
		}
		return out
	}
	if got := changes(); len(got) != 0 {
		t.Fatalf("before any change: %+v", got)
	}

	c := open(t, srv, "eleve.html")
	c.mustLogin(StudentUsername, StudentPassword)
	reply, e := c.call("PageCahierDeTexte", callOpts{sig: map[string]any{"onglet": 88},
		data: map[string]any{"domaine": map[string]any{"_T": 8, "V": "[12]"}}})
	if e != nil {
		t.Fatalf("PageCahierDeTexte: %+v", e)
	}
	var hw struct{ ListeTravauxAFaire struct{ V []map[string]any } }
	c.dataOf(reply, &hw)
	demo := NewDemo(srv.now())
	want := demo.Homework(StudentLea, demo.MondayOfWeek(12), demo.MondayOfWeek(12).AddDate(0, 0, 6))
	if len(hw.ListeTravauxAFaire.V) == 0 || len(want) != len(hw.ListeTravauxAFaire.V) {
		t.Fatalf("%d homework, want %d", len(hw.ListeTravauxAFaire.V), len(want))
	}
	first := hw.ListeTravauxAFaire.V[0]
	done := first["TAFFait"].(bool)
	if _, e := c.call("SaisieTAFFaitEleve", callOpts{sig: map[string]any{"onglet": 88},
		data: map[string]any{"listeTAF": []any{map[string]any{"N": first["N"], "TAFFait": !done, "E": 2}}}}); e != nil {
		t.Fatalf("SaisieTAFFaitEleve: %+v", e)
	}
	got := changes()
	if len(got) != 1 || got[0] != (DoneChange{Student: StudentLea.ID, Homework: want[0].ID, Done: !done}) {
		t.Errorf("after the change: %+v, want %s %s %v", got, StudentLea.ID, want[0].ID, !done)
	}
	srv.Reset()
	if got := changes(); len(got) != 0 {
		t.Errorf("after Reset: %+v", got)
	}
}
