package pronotetest

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PageEmploiDuTemps", function{stage: stageLogged, data: (*Server).timetable, onglets: []int{wire.TabTimetable}})
}

// maxRangeDays bounds a date-range timetable request.
const maxRangeDays = 62

// timetable answers PageEmploiDuTemps (onglet 16) by week number or by dates (§8.1). The
// request must carry ressource/Ressource, and numeroSemaine/NumeroSemaine or
// dateDebut/DateDebut (+ optional dateFin/DateFin), each under both spellings.
func (s *Server) timetable(sess *session, req request, st Student) (reply, *protoError) {
	m, perr := dataObject(req)
	if perr != nil {
		return reply{}, perr
	}
	res, ok, perr := both(m, "ressource")
	if perr != nil || !ok {
		return reply{}, orFail(perr, 21)
	}
	if perr := s.checkResource(sess, res, st); perr != nil {
		return reply{}, perr
	}
	from, to, perr := s.timetableRange(sess, m)
	if perr != nil {
		return reply{}, perr
	}
	lessons := sess.demo.Lessons(st, from, to)
	list := make([]map[string]any, 0, len(lessons))
	for i, l := range lessons {
		list = append(list, s.lessonJSON(sess, i, l))
	}
	return reply{data: map[string]any{
		"ListeCours":      list,
		"avecCoursAnnule": true,
		"recreations":     list24([]map[string]any{{"L": "Récréation", "place": 6}}),
	}}, nil
}

// timetableRange reads the week or the dates of a timetable request.
func (s *Server) timetableRange(sess *session, m map[string]json.RawMessage) (time.Time, time.Time, *protoError) {
	d := sess.demo
	if raw, ok, perr := both(m, "numeroSemaine"); perr != nil || ok {
		var w int
		if perr != nil || json.Unmarshal(raw, &w) != nil || w < 1 || w > 60 {
			return time.Time{}, time.Time{}, orFail(perr, 21)
		}
		monday := d.MondayOfWeek(w)
		return monday, monday.AddDate(0, 0, 6), nil
	}
	from, ok, perr := dateField(m, "dateDebut", d.Now)
	if perr != nil || !ok {
		return time.Time{}, time.Time{}, orFail(perr, 21)
	}
	to, ok, perr := dateField(m, "dateFin", d.Now)
	if perr != nil {
		return time.Time{}, time.Time{}, perr
	}
	if !ok {
		to = mondayOf(from).AddDate(0, 0, 6)
	}
	if to.Before(from) || to.Sub(from) > maxRangeDays*24*time.Hour {
		return time.Time{}, time.Time{}, fail(21)
	}
	return from, to, nil
}

// checkResource checks that ressource names the pupil the call is about.
func (s *Server) checkResource(sess *session, raw json.RawMessage, st Student) *protoError {
	var r resource
	if json.Unmarshal(raw, &r) != nil {
		return fail(21)
	}
	stable, known := sess.lookup(r.N)
	switch {
	case !known:
		return fail(22)
	case stable != st.ID:
		return fail(3)
	}
	return nil
}

func (s *Server) lessonJSON(sess *session, i int, l Lesson) map[string]any {
	contents := []map[string]any{
		{"G": 16, "L": l.Subject.Name, "N": sess.id(16, l.Subject.ID), "estServiceGroupe": l.Group != ""},
		{"G": 3, "L": l.Subject.Teacher, "N": sess.id(3, "prof:"+l.Subject.Teacher)},
		{"G": 17, "L": l.Subject.Room, "N": sess.id(17, "salle:"+l.Subject.Room)},
	}
	if l.Group != "" {
		contents = append(contents, map[string]any{"G": 2, "L": l.Group, "N": sess.id(2, "groupe:"+l.Group)})
	}
	c := map[string]any{
		"N": sess.id(41, l.ID), "G": 0, "P": i, "place": l.Place, "duree": l.Duration,
		"DateDuCours":   tv(7, wire.FormatDateTime(l.Start)),
		"CouleurFond":   l.Subject.Color,
		"ListeContenus": list24(contents),
		"AvecTafPublie": false,
	}
	if !l.NoEnd {
		c["DateDuCoursFin"] = tv(7, wire.FormatDateTime(l.End))
	}
	if l.Cancelled {
		c["estAnnule"] = true
	}
	if l.Status != "" {
		c["Statut"] = l.Status
	}
	if l.Memo != "" {
		c["memo"] = l.Memo
	}
	return c
}

// dataObject decodes a data call's data object (it must be present).
func dataObject(req request) (map[string]json.RawMessage, *protoError) {
	var m map[string]json.RawMessage
	if req.data == nil || json.Unmarshal(req.data, &m) != nil || m == nil {
		return nil, fail(21)
	}
	return m, nil
}

// both reads a field sent under both spellings (lower and capitalised first letter, §8.1):
// either both are present and equal, or neither.
func both(m map[string]json.RawMessage, key string) (json.RawMessage, bool, *protoError) {
	upper := strings.ToUpper(key[:1]) + key[1:]
	a, okA := m[key]
	b, okB := m[upper]
	switch {
	case !okA && !okB:
		return nil, false, nil
	case okA != okB || !sameJSON(a, b):
		return nil, false, fail(21)
	}
	return a, true, nil
}

// dateField reads a {_T:7, V} date sent under both spellings.
func dateField(m map[string]json.RawMessage, key string, ref time.Time) (time.Time, bool, *protoError) {
	raw, ok, perr := both(m, key)
	if perr != nil || !ok {
		return time.Time{}, false, perr
	}
	var v struct {
		V string `json:"V"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return time.Time{}, false, fail(21)
	}
	t, err := wire.ParseDate(v.V, ref)
	if err != nil {
		return time.Time{}, false, fail(21)
	}
	return dateOf(t), true, nil
}

func orFail(perr *protoError, g int) *protoError {
	if perr != nil {
		return perr
	}
	return fail(g)
}
