package pronotetest

import (
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Markup is how a space page carries its Start(...) bootstrap (§2.4).
type Markup int

// The two bootstrap markups.
const (
	// MarkupOnload is the ≤ 2026.2.3 markup: Start({h:'…',…}) with bare keys in the body's
	// onload attribute.
	MarkupOnload Markup = iota
	// MarkupScript is the 2026.2.4+ markup: Start({"h":…,…}); with quoted keys and a numeric h
	// in a <script> window.addEventListener("load", …) block.
	MarkupScript
)

// Profile is the PRONOTE version the fake server plays. The envelope dialect (§4.3), the Start
// flag keys (§2.5) and the listeOnglets child key (§6.10) follow from Version.
type Profile struct {
	Name            string // short name: "2023", "2024.3.9", "2025", "2026"
	Version         string // full version shown in the page marker, e.g. "2025.2.6"
	Markup          Markup // how Start() is embedded
	DirectChallenge bool   // 2026.2.5+ challenge: empty alea, answer = AES(challenge text) (§6.4)
}

// The profiles of the four generations the client must speak.
var (
	// Profile2023 is a 2023-generation server: dialect D1, sCrA/sCoA flags, Presence.
	Profile2023 = Profile{Name: "2023", Version: "2023.0.3.4"}
	// Profile2024 is 2024.3.9: dialect D2 (inner data/Signature), sCrA/sCoA flags.
	Profile2024 = Profile{Name: "2024.3.9", Version: "2024.3.9"}
	// Profile2025 is a 2025 server: dialect D3 (id/no/dataSec), CrA/CoA flags.
	Profile2025 = Profile{Name: "2025", Version: "2025.2.6"}
	// Profile2026 is 2026.2.5.7: script markup with quoted keys and the direct challenge.
	Profile2026 = Profile{Name: "2026", Version: "2026.2.5.7", Markup: MarkupScript, DirectChallenge: true}
)

// Profiles lists the built-in profiles, oldest first.
func Profiles() []Profile { return []Profile{Profile2023, Profile2024, Profile2025, Profile2026} }

// ProfileByName finds a built-in profile by its short name or its version ("2024" names
// 2024.3.9, "2025.2.6" names Profile2025).
func ProfileByName(name string) (Profile, bool) {
	for _, p := range Profiles() {
		if name == p.Name || name == p.Version || strings.HasPrefix(p.Name, name+".") {
			return p, true
		}
	}
	return Profile{}, false
}

// version parses the first three components of Version.
func (p Profile) version() wire.Version {
	var v wire.Version
	for i, part := range strings.SplitN(p.Version, ".", 4) {
		if i < 3 {
			v[i], _ = strconv.Atoi(part)
		}
	}
	return v
}

// versionPN is the three-component version of General.versionPN.
func (p Profile) versionPN() string {
	v := p.version()
	return strconv.Itoa(v[0]) + "." + strconv.Itoa(v[1]) + "." + strconv.Itoa(v[2])
}

func (p Profile) dialect() wire.Dialect { return wire.DialectOf(p.version()) }

// tabChildKey is the key of listeOnglets children: Onglet on 2025+ servers, Onglets before.
func (p Profile) tabChildKey() string {
	if p.dialect() == wire.D2025 {
		return "Onglet"
	}
	return "Onglets"
}
