package ui

import "testing"

func TestRemembered(t *testing.T) {
	st := &memStore{}
	if _, ok := loadRemembered(st); ok {
		t.Fatal("an empty store remembers")
	}
	remembered{URL: "https://s.test/pronote/mobile.eleve.html", Username: "u", Token: "T"}.save(st)
	r, ok := loadRemembered(st)
	if !ok || r.Token != "T" || r.Username != "u" {
		t.Fatalf("loaded %+v, %v", r, ok)
	}
	st.data = []byte(`{"v":9,"url":"x","username":"u","token":"T"}`)
	if _, ok := loadRemembered(st); ok || st.data != nil {
		t.Error("a record of another version is kept")
	}
}

func TestNav(t *testing.T) {
	st := &memStore{}
	saveNav(st, "https://s.test/pronote/eleve.html", "NAV1")
	saveNav(st, "https://t.test/pronote/parent.html?fd=1", "NAV2")
	if got := navFor(st, "https://s.test/pronote/mobile.parent.html?fd=1&login=true"); got != "NAV1" {
		t.Errorf("same school, another page: %q", got)
	}
	if got := navFor(st, "https://t.test/pronote/eleve.html"); got != "NAV2" {
		t.Errorf("second school: %q", got)
	}
	if got := navFor(st, "https://u.test/pronote/eleve.html"); got != "" {
		t.Errorf("unknown school: %q", got)
	}
}
