package ui

import (
	"encoding/json"
	"strings"
)

// rememberKey is where "Rester connecté" keeps its token, in localStorage: it survives a
// reload and opens in a new tab; "Se déconnecter" removes it.
const rememberKey = "pronote.remember"

// remembered is what "Rester connecté" keeps: the space page, the username token logins need
// and the current token, never the password. The token opens the account: it is kept like a
// password, on this device only.
type remembered struct {
	V              int    `json:"v"`
	URL            string `json:"url"`
	Username       string `json:"username"`
	Token          string `json:"token"`
	IdentifiantNav string `json:"identifiantNav,omitempty"`
}

const rememberedVersion = 1

// loadRemembered reads the record; a damaged or foreign one is dropped.
func loadRemembered(st Store) (remembered, bool) {
	var r remembered
	data := st.Load()
	if len(data) == 0 {
		return r, false
	}
	if json.Unmarshal(data, &r) != nil || r.V != rememberedVersion || r.URL == "" || r.Username == "" || r.Token == "" {
		st.Clear()
		return remembered{}, false
	}
	return r, true
}

// save writes the record.
func (r remembered) save(st Store) {
	r.V = rememberedVersion
	if data, err := json.Marshal(r); err == nil {
		st.Save(data)
	}
}

// navKey keeps, in localStorage, the identifiantNav each school gave this browser: a device
// registered for double authentication is known by it, so the PIN is asked once (§6.8). It
// names the browser to the school, like the device id; it is not a secret that opens anything.
const navKey = "pronote.nav"

// navFor returns the identifiantNav kept for the school of page ("" when none).
func navFor(st Store, page string) string {
	var m map[string]string
	json.Unmarshal(st.Load(), &m)
	return m[schoolKey(page)]
}

// saveNav keeps nav for the school of page.
func saveNav(st Store, page, nav string) {
	if nav == "" || page == "" {
		return
	}
	var m map[string]string
	json.Unmarshal(st.Load(), &m)
	if m == nil {
		m = map[string]string{}
	}
	m[schoolKey(page)] = nav
	if data, err := json.Marshal(m); err == nil {
		st.Save(data)
	}
}

// schoolKey is a space page's folder: one PRONOTE installation.
func schoolKey(page string) string {
	if i := strings.LastIndexByte(page, '/'); i >= 0 {
		page = page[:i+1]
	}
	if i := strings.IndexByte(page, '?'); i >= 0 {
		page = page[:i]
	}
	return page
}
