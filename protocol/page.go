package protocol

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/internal/htmlent"
	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// bypassDelegation is the constant the mobile app sends as bydlg (§2.2).
const bypassDelegation = "A6ABB224-12DD-4E31-AD3E-8A39A1C2C335"

// spacePages maps a space page name (without "mobile.") to its account kind (§2.1).
var spacePages = map[string]Kind{
	"eleve.html": KindStudent, "parent.html": KindParent, "professeur.html": KindTeacher,
	"viescolaire.html": KindStaff, "direction.html": KindManagement,
	"accompagnant.html": KindCompanion, "entreprise.html": KindCompany,
	"academie.html": KindOther, "inscription.html": KindOther,
}

// spaceURL validates a space page URL and returns the URL to GET (§2.2), the root every
// later URL is relative to, and the account kind.
func spaceURL(raw string) (page *weburl.URL, root *weburl.URL, kind Kind, err error) {
	u, err := weburl.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, nil, "", argError("url", "must be an http(s) address of a PRONOTE space page")
	}
	if u.UserInfo {
		return nil, nil, "", argError("url", "must not contain a user name or password before the host")
	}
	name := u.LastSegment()
	kind, ok := spacePages[strings.TrimPrefix(strings.ToLower(name), "mobile.")]
	if !ok {
		return nil, nil, "", argError("url", "must end with a space page such as eleve.html or parent.html, not %q", name)
	}
	u.Fragment = ""
	q := map[string]string{"fd": "1", "login": "true"}
	if strings.HasPrefix(strings.ToLower(name), "mobile.") {
		q["bydlg"] = bypassDelegation
	}
	u.SetQuery(q)
	return u, u.Dir(), kind, nil
}

// startInfo is what a space page's Start({...}) says (§2.5).
type startInfo struct {
	h          string // session number, decimal text
	hNum       int64
	a          int
	flags      map[string]bool // sCrA, sCoA, CrA, CoA, http, d when present
	mr, er     string
	e, f       string
	version    wire.Version
	hasVersion bool
}

// parsePage classifies a space page response (§2.7) and parses its Start() (§2.4).
func parsePage(status int, location, body string) (*startInfo, error) {
	switch {
	case status == 503:
		return nil, ErrMaintenance
	case status >= 300 && status < 400:
		if location != "" {
			return nil, ErrENTRequired
		}
		return nil, fmt.Errorf("%w: redirect without a location", ErrProtocol)
	case strings.Contains(body, "Votre adresse IP est provisoirement suspendue"):
		return nil, ErrIPSuspended
	case strings.Contains(body, "Le site est momentanément indisponible"):
		return nil, fmt.Errorf("%w: the site is temporarily unavailable", ErrUnavailable)
	case strings.Contains(body, "Le site n'est pas disponible"):
		return nil, fmt.Errorf("%w: the site is closed", ErrUnavailable)
	case status != 200:
		return nil, fmt.Errorf("%w: space page answered HTTP %d", ErrUnavailable, status)
	}
	info := findStart(body)
	if info == nil {
		switch {
		case strings.Contains(body, "adresse IP"):
			return nil, ErrIPSuspended
		case strings.Contains(body, "navigateur"):
			return nil, ErrIncompatibleClient
		}
		return nil, ErrNotSpacePage
	}
	info.version, info.hasVersion = findVersion(body)
	return info, nil
}

// findStart returns the first Start({...}) object that has h and a, searching the raw text
// and its entity-decoded form (an onload attribute may carry &quot; or &#39;).
func findStart(body string) *startInfo {
	for _, text := range []string{body, htmlent.Unescape(body)} {
		for _, brace := range startObjects(text, 16) {
			obj, ok := scanObject(text[brace:])
			if !ok {
				continue
			}
			if info := startFrom(obj); info != nil {
				return info
			}
		}
	}
	return nil
}

func startFrom(obj map[string]any) *startInfo {
	info := &startInfo{flags: map[string]bool{}}
	switch h := obj["h"].(type) {
	case string:
		info.h = strings.TrimSpace(h)
	case float64:
		info.h = strconv.FormatFloat(h, 'f', -1, 64)
	}
	n, err := strconv.ParseInt(info.h, 10, 64)
	if err != nil || n <= 0 {
		return nil
	}
	info.hNum = n
	a, ok := intOf(obj["a"])
	if !ok {
		return nil
	}
	info.a = a
	for _, k := range []string{"sCrA", "sCoA", "CrA", "CoA", "http", "d"} {
		if v, present := obj[k]; present {
			info.flags[k] = truthy(v)
		}
	}
	info.mr, _ = obj["MR"].(string)
	info.er, _ = obj["ER"].(string)
	info.e, _ = obj["e"].(string)
	info.f, _ = obj["f"].(string)
	return info
}

func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), x == float64(int(x))
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

// truthy normalises a Start flag: true, 1, "true", "1" are true (§2.4 rule 5).
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x == 1
	case string:
		return x == "true" || x == "1"
	}
	return false
}
