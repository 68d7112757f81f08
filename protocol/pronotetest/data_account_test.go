package pronotetest

import (
	"testing"
)

// TestInfosPersoAndTeam checks PageInfosPerso (49 and 16) and PageEquipePedagogique (37)
// against the dataset, and that they take no data.
func TestInfosPersoAndTeam(t *testing.T) {
	for _, o := range []Options{{Profile: Profile2023}, {Profile: Profile2026, Encrypt: true, Compress: true}} {
		t.Run(o.Profile.Name, func(t *testing.T) {
			srv := startServer(t, o)
			c := open(t, srv, "eleve.html")
			c.mustLogin(StudentUsername, StudentPassword)
			reply, e := c.call("PageInfosPerso", callOpts{sig: map[string]any{"onglet": 49}})
			if e != nil {
				t.Fatalf("PageInfosPerso 49: %+v", e)
			}
			var infos struct{ Informations map[string]string }
			c.dataOf(reply, &infos)
			want := NewDemo(testNow).Account(StudentLea)
			if inf := infos.Informations; inf["eMail"] != want.Email || inf["adresse2"] != want.Address[1] ||
				inf["telephonePortable"] != want.MobilePhone || inf["numeroINE"] != want.INE {
				t.Errorf("Informations = %v", inf)
			}
			reply, e = c.call("PageInfosPerso", callOpts{sig: map[string]any{"onglet": 16}, data: map[string]any{}})
			if e != nil {
				t.Fatalf("PageInfosPerso 16: %+v", e)
			}
			var ical struct {
				ICal struct {
					Liste struct{ V []map[string]string }
				} `json:"iCal"`
			}
			c.dataOf(reply, &ical)
			if l := ical.ICal.Liste.V; len(l) != 1 || l[0]["paramICal"] != ICalToken(StudentLea) || l[0]["paramSuppl"] == "" {
				t.Errorf("iCal = %+v", ical)
			}
			reply, e = c.call("PageEquipePedagogique", callOpts{sig: map[string]any{"onglet": 37}})
			if e != nil {
				t.Fatalf("PageEquipePedagogique: %+v", e)
			}
			var team struct {
				Liste struct {
					V []struct {
						L        string
						G        int
						Matieres struct {
							V []struct{ L, VolumeHoraire string }
						}
					}
				}
			}
			c.dataOf(reply, &team)
			members := NewDemo(testNow).Teachers(StudentLea)
			if l := team.Liste.V; len(l) != len(members) || l[0].L != "M. DUPONT" || l[0].G != 3 ||
				len(l[0].Matieres.V) != 2 || l[0].Matieres.V[0].VolumeHoraire != "5h00" {
				t.Errorf("liste = %+v", l)
			}
			for name, tab := range map[string]int{"PageInfosPerso": 49, "PageEquipePedagogique": 37} {
				if _, e := c.call(name, callOpts{sig: map[string]any{"onglet": tab}, data: map[string]any{"x": 1}}); e == nil || e.G != 21 {
					t.Errorf("%s with data: %+v, want G 21", name, e)
				}
				c.counter += 2 // an Erreur consumes the exchange
				if _, e := c.call(name, callOpts{sig: map[string]any{"onglet": 198}}); e == nil || e.G != 3 {
					t.Errorf("%s on another tab: %+v, want G 3", name, e)
				}
				c.counter += 2
			}
		})
	}
}

// TestNoICal: a school without a feed answers PageInfosPerso 16 without iCal.
func TestNoICal(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2025, NoICal: true})
	c := open(t, srv, "eleve.html")
	c.mustLogin(StudentUsername, StudentPassword)
	reply, e := c.call("PageInfosPerso", callOpts{sig: map[string]any{"onglet": 16}})
	if e != nil {
		t.Fatal(e)
	}
	var data map[string]any
	c.dataOf(reply, &data)
	if _, ok := data["iCal"]; ok || data == nil {
		t.Errorf("data = %v, want no iCal", data)
	}
}
