package protocol

import (
	"strconv"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// readParameters reads the FonctionParametres reply (§5.3) and settles the dialect from
// versionPN (§1.3 rule 4).
func (s *Session) readParameters(data obj) error {
	if nav := data.str("identifiantNav"); nav != "" {
		s.acct.identifiantNav = nav
	}
	g := data.obj("General")
	if g == nil {
		return protoErr("FonctionParametres", "reply has no General")
	}
	p := &s.acct.school
	if v, ok := parseVersion(g.str("versionPN")); ok {
		p.Version = v
		s.st.dialect = wire.DialectOf(v)
	}
	ref := at(s.now())
	if t, ok := asTime(data.get("DateDemo"), ref); ok {
		p.DemoDate = fmtDate(t)
		ref = at(t)
	}
	p.FirstMonday, p.FirstDate, p.LastDate = dateOf(g.get("PremierLundi"), ref), dateOf(g.get("PremiereDate"), ref), dateOf(g.get("DerniereDate"), ref)
	if p.FirstMonday == "" {
		return protoErr("FonctionParametres", "General.PremierLundi is missing")
	}
	p.SlotsPerDay = g.int("PlacesParJour")
	p.SlotStarts = hourTable(g.list("ListeHeures"))
	p.SlotEnds = hourTable(g.list("ListeHeuresFin"))
	p.School = g.str("NomEtablissement")
	s.acct.periods = nil
	for _, it := range g.list("ListePeriodes") {
		s.acct.periods = append(s.acct.periods, periodFrom(it, ref))
	}
	return nil
}

// hourTable maps slot index G to minutes since midnight from a ListeHeures list.
func hourTable(items []obj) map[int]int {
	out := map[int]int{}
	for _, it := range items {
		if m, err := wire.ParseHour(it.str("L")); err == nil {
			out[it.int("G")] = m
		}
	}
	return out
}

func parseVersion(s string) (wire.Version, bool) {
	var v wire.Version
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 3 {
		return v, false
	}
	for i := range v {
		n, err := strconv.Atoi(parts[i])
		if err != nil {
			return v, false
		}
		v[i] = n
	}
	return v, true
}

var periodKinds = map[int]string{1: "trimester", 2: "semester", 3: "year"}

func periodFrom(it obj, ref func() time.Time) Period {
	p := Period{ID: it.str("N"), Name: it.str("L"), Kind: "other"}
	if k, ok := periodKinds[it.int("G")]; ok {
		p.Kind = k
	}
	if t, ok := asTime(it.get("dateDebut"), ref); ok {
		p.Start = fmtDate(t)
	}
	if t, ok := asTime(it.get("dateFin"), ref); ok {
		p.End = fmtDate(t)
	}
	return p
}
