package protocol

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// infoMobileAppID is the constant id of InfoMobileApp.json requests (§2.8).
const infoMobileAppID = "0D264427-EEFC-4810-A9E9-346942A862A4"

// ENTHandshake is what the mobile-validation handshake of protocol.md §12.1 needs, for an
// extension to log a user in through whatever ENT the school has without scraping it: set
// Cookies on the PRONOTE origin, open Page in a normal tab, let the user log in there (through
// the ENT), read window.loginState from the page, then log in with Token{Username:
// loginState.login, Token: loginState.mdp} and the same device UUID.
type ENTHandshake struct {
	Page    string   `json:"page"`    // the mobile space page to open: {root}mobile.<space>.html?fd=1
	Cookies []Cookie `json:"cookies"` // validationAppliMobile, uuidAppliMobile, ielang
	School  string   `json:"school,omitempty"`
	Version []int    `json:"version,omitempty"`
	CAS     bool     `json:"cas"`              // the school logs in through an ENT
	CASURL  string   `json:"casURL,omitempty"` // the ENT's address, when given
	Spaces  []Space  `json:"spaces,omitempty"`
}

// Cookie is a cookie to set on the PRONOTE origin, under Path.
type Cookie struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Path  string `json:"path"`
}

// Space is a space InfoMobileApp.json lists.
type Space struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	GenreEspace int    `json:"genreEspace"`
}

// PrepareENT reads the school's InfoMobileApp.json (§2.8) and returns the handshake of §12.1
// for the space of rawURL (any space page of the school) and deviceUUID. It sends one GET
// and logs nothing in.
func PrepareENT(ctx context.Context, rawURL, deviceUUID string, t Transport) (*ENTHandshake, error) {
	switch {
	case t == nil:
		return nil, argError("transport", "is required")
	case strings.TrimSpace(deviceUUID) == "":
		return nil, argError("deviceUUID", "is required (the token the handshake gives is bound to it)")
	}
	page, root, _, err := pageFor(&plan{url: rawURL, mobilePage: true})
	if err != nil {
		return nil, err
	}
	resp, err := t.Do(ctx, &Request{Method: "GET", URL: root.Resolve("InfoMobileApp.json?id=" + infoMobileAppID),
		Header: map[string]string{"User-Agent": UserAgent}})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: InfoMobileApp.json: %w", ErrNetwork, err)
	}
	if resp.Status != 200 {
		if herr := htmlError(string(resp.Body)); herr != nil {
			return nil, herr
		}
		return nil, fmt.Errorf("%w: InfoMobileApp.json answered HTTP %d", ErrUnavailable, resp.Status)
	}
	var info struct {
		Version []int  `json:"version"`
		NomEtab string `json:"nomEtab"`
		CAS     struct {
			Actif    bool   `json:"actif"`
			CasURL   string `json:"casURL"`
			JetonCAS string `json:"jetonCAS"`
		} `json:"CAS"`
		Espaces []struct {
			Nom         string `json:"nom"`
			URL         string `json:"URL"`
			GenreEspace int    `json:"genreEspace"`
		} `json:"espaces"`
	}
	if err := json.Unmarshal(resp.Body, &info); err != nil {
		return nil, protoErr("InfoMobileApp.json", "is not the expected JSON object")
	}
	if info.CAS.JetonCAS == "" {
		return nil, protoErr("InfoMobileApp.json", "has no CAS.jetonCAS: this school offers no mobile-validation handshake")
	}
	page.RawQuery = "fd=1"
	h := &ENTHandshake{Page: page.String(), School: info.NomEtab, Version: info.Version, CAS: info.CAS.Actif, CASURL: info.CAS.CasURL,
		Cookies: []Cookie{{"validationAppliMobile", info.CAS.JetonCAS, root.Path}, {"uuidAppliMobile", deviceUUID, root.Path},
			{"ielang", "1036", root.Path}}}
	for _, e := range info.Espaces {
		h.Spaces = append(h.Spaces, Space{Name: e.Nom, URL: root.Resolve(e.URL), GenreEspace: e.GenreEspace})
	}
	return h, nil
}
