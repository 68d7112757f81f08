package pronotetest

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PagePresence", function{stage: stageLogged, data: (*Server).attendance, onglets: []int{wire.TabAttendance}})
}

// attendance answers PagePresence (onglet 19) for data.periode {N, L?, G?} and the days
// DateDebut..DateFin ({_T:7}, both required, §8.1): every event of listeAbsences touching them.
func (s *Server) attendance(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Periode   *resource `json:"periode"`
		DateDebut *struct {
			V string `json:"V"`
		} `json:"DateDebut"`
		DateFin *struct {
			V string `json:"V"`
		} `json:"DateFin"`
	}
	if perr := hasKeys(req, "periode", "DateDebut", "DateFin"); perr != nil {
		return reply{}, perr
	}
	if json.Unmarshal(req.data, &q) != nil || q.Periode == nil || q.DateDebut == nil || q.DateFin == nil {
		return reply{}, fail(21)
	}
	if perr := s.checkPeriod(sess, q.Periode); perr != nil {
		return reply{}, perr
	}
	d := sess.demo
	from, err1 := wire.ParseDate(q.DateDebut.V, d.Now)
	to, err2 := wire.ParseDate(q.DateFin.V, d.Now)
	if err1 != nil || err2 != nil || to.Before(dateOf(from)) {
		return reply{}, fail(21)
	}
	rec := d.Attendance(st, from, to)
	items := []map[string]any{}
	for _, a := range rec.Absences {
		items = append(items, s.absenceJSON(sess, a))
	}
	for _, x := range rec.Delays {
		items = append(items, map[string]any{
			"N": sess.id(14, x.ID), "G": 14, "date": tv(7, wire.FormatDateTime(x.Date)), "duree": x.Minutes,
			"justifie": x.Justified, "justification": x.Justification, "listeMotifs": s.motifs(sess, x.Reasons),
			"reglee": x.Justified, "aJustifierParParents": !x.Justified, "estMotifNonEncoreConnu": len(x.Reasons) == 0,
		})
	}
	for _, p := range rec.Punishments {
		items = append(items, s.punishmentJSON(sess, p))
	}
	for _, o := range rec.Observations {
		items = append(items, s.observationJSON(sess, o))
	}
	subjects := []map[string]any{}
	for _, sub := range d.Subjects(st) {
		subjects = append(subjects, map[string]any{"N": sess.id(16, sub.ID), "L": sub.Name})
	}
	return reply{data: map[string]any{
		"listeAbsences":       list24(items),
		"Matieres":            list24(subjects),
		"listeRecapitulatifs": list24([]map[string]any{}),
	}}, nil
}

// hasKeys answers G 21 unless the data object has each key, spelt exactly (encoding/json
// would match another case).
func hasKeys(req request, keys ...string) *protoError {
	m, perr := dataObject(req)
	if perr != nil {
		return perr
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return fail(21)
		}
	}
	return nil
}

// checkPeriod answers G 22 for a periode that is not one of this session's periods.
func (s *Server) checkPeriod(sess *session, p *resource) *protoError {
	id, known := sess.lookup(p.N)
	if _, isPeriod := sess.demo.PeriodByID(id); !known || !isPeriod {
		return fail(22)
	}
	return nil
}

func (s *Server) motifs(sess *session, reasons []string) map[string]any {
	out := []map[string]any{}
	for _, r := range reasons {
		out = append(out, map[string]any{"N": sess.id(0, "motif:"+r), "L": r})
	}
	return list24(out)
}

func (s *Server) absenceJSON(sess *session, a Absence) map[string]any {
	return map[string]any{
		"N": sess.id(13, a.ID), "G": 13,
		"dateDebut": tv(7, wire.FormatDateTime(a.From)), "dateFin": tv(7, wire.FormatDateTime(a.To)),
		"justifie": a.Justified, "ouverte": false, "reglee": a.Settled,
		"NbrHeures": a.Hours, "NbrJours": a.Days, "listeMotifs": s.motifs(sess, a.Reasons),
		"aJustifierParParents": a.ParentsMustJustify, "estMotifNonEncoreConnu": a.ReasonUnknown,
	}
}

// punishmentJSON writes a punishment (G 41) or a precautionary measure. The measure's G is 71
// on the 2026 profile (the official enum, §12) and 72 before (what pawnote decodes): which
// versions send which is not known, the fake server plays both. A 2023 server sends each slot
// of programmation as a date and its placeExecution, later ones as a date-time (an
// assumption, so that clients read both).
func (s *Server) punishmentJSON(sess *session, p Punishment) map[string]any {
	g := 41
	if p.Measure {
		g = 72
		if s.opts.Profile.version()[0] >= 2026 {
			g = 71
		}
	}
	out := map[string]any{
		"N": sess.id(g, p.ID), "G": g,
		"dateDemande": tv(7, wire.FormatDateTime(p.Given)),
		"nature":      tv(24, map[string]any{"N": sess.id(106, "nature:"+p.Nature), "L": p.Nature, "G": 10, "estAvecARParent": p.Exclusion}),
		"listeMotifs": s.motifs(sess, p.Reasons), "estUneExclusion": p.Exclusion,
		"demandeur":     tv(24, map[string]any{"N": sess.id(3, "prof:"+p.GivenBy), "L": p.GivenBy, "G": 3}),
		"circonstances": p.Circumstances, "documentsCirconstances": list24([]map[string]any{}),
		"duree": p.Minutes, "estLieAUnIncident": false,
	}
	if p.Measure { // decided by the head, who is also the one asking here; barred from the school (1)
		out["dateDebut"], out["dateFin"] = tv(7, wire.FormatDateTime(p.From)), tv(7, wire.FormatDateTime(p.To))
		out["decideur"] = tv(24, map[string]any{"N": sess.id(34, "perso:"+p.GivenBy), "L": p.GivenBy, "G": 34,
			"fonction": tv(24, map[string]any{"N": sess.id(62, "fonction:principal"), "L": "Principal"})})
		out["interditAcces"], out["commentaire"] = tv(26, "[1]"), ""
		return out
	}
	slots := []map[string]any{}
	for i, t := range p.Schedule {
		slot := map[string]any{"N": sess.id(0, p.ID+":prog:"+strconv.Itoa(i)), "duree": p.Minutes,
			"placeExecution": placeOf(t), "date": tv(7, wire.FormatDateTime(t))}
		if s.opts.Profile.dialect() == wire.D2023 {
			slot["date"] = date7(t)
		}
		slots = append(slots, slot)
	}
	out["horsCours"], out["placeDemande"] = true, placeOf(p.Given)
	out["travailAFaire"], out["documentsTAF"] = p.Homework, list24([]map[string]any{})
	out["estProgrammable"], out["programmation"] = len(p.Schedule) > 0, list24(slots)
	return out
}

// placeOf is the slot of the day a time falls in (30-minute places from 08h00).
func placeOf(t time.Time) int {
	return int(t.Sub(dateOf(t).Add(firstHour*time.Hour)) / (time.Hour / PlacesParHeure))
}

func (s *Server) observationJSON(sess *session, o Observation) map[string]any {
	return map[string]any{
		"N": sess.id(46, o.ID), "G": 46, "L": o.Label, "genreObservation": o.Genre,
		"rubrique":    tv(24, map[string]any{"N": sess.id(0, "rubrique:"+o.Label), "L": o.Label, "G": o.Genre}),
		"date":        date7(o.Date),
		"demandeur":   tv(24, map[string]any{"N": sess.id(3, "prof:"+o.Subject.Teacher), "L": o.Subject.Teacher, "G": 3}),
		"matiere":     tv(24, map[string]any{"N": sess.id(16, o.Subject.ID), "L": o.Subject.Name}),
		"commentaire": o.Comment, "estLue": true, "avecARObservation": false,
	}
}
