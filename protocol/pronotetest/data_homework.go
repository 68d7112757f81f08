package pronotetest

import (
	"encoding/json"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PageCahierDeTexte", function{stage: stageLogged, data: (*Server).homework, onglets: []int{wire.TabHomework, wire.TabLessonContents}})
	register("SaisieTAFFaitEleve", function{stage: stageLogged, data: (*Server).homeworkDone, onglets: []int{wire.TabHomework}})
}

// homework answers PageCahierDeTexte: the homework due in the weeks of data.domaine (_T 8) on
// onglet 88, and an empty lesson-content list on onglet 89 (§8.1).
func (s *Server) homework(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Domaine *struct {
			V string `json:"V"`
		} `json:"domaine"`
	}
	m, perr := dataObject(req)
	if perr != nil {
		return reply{}, perr
	}
	if _, ok := m["domaine"]; !ok || json.Unmarshal(req.data, &q) != nil || q.Domaine == nil {
		return reply{}, fail(21)
	}
	weeks, err := wire.ParseDomain(q.Domaine.V)
	if err != nil || len(weeks) > wire.MaxWeek {
		return reply{}, fail(21)
	}
	var sig signature
	json.Unmarshal(req.sig, &sig) // checked by checkSignature
	if *sig.Onglet == 89 {
		return reply{data: map[string]any{"ListeCahierDeTextes": list24([]map[string]any{})}}, nil
	}
	items := []map[string]any{}
	d := sess.demo
	for _, w := range weeks {
		monday := d.MondayOfWeek(w)
		for _, hw := range d.Homework(st, monday, monday.AddDate(0, 0, 6)) {
			items = append(items, s.homeworkJSON(sess, st, hw))
		}
		for _, hw := range s.plantedIn(st, monday, monday.AddDate(0, 0, 6)) {
			items = append(items, s.homeworkJSON(sess, st, hw))
		}
	}
	return reply{data: map[string]any{"ListeTravauxAFaire": list24(items)}}, nil
}

func (s *Server) homeworkJSON(sess *session, st Student, hw Homework) map[string]any {
	done := hw.Done
	if v, ok := s.done[st.ID+"\x00"+hw.ID]; ok {
		done = v
	}
	files := []map[string]any{}
	for _, a := range hw.Attachments {
		f := map[string]any{"N": sess.id(48, a.ID), "L": a.Name, "G": a.Kind}
		if a.URL != "" {
			f["url"] = a.URL
		}
		files = append(files, f)
	}
	return map[string]any{
		"N":                sess.id(88, hw.ID),
		"descriptif":       tv(21, hw.HTML),
		"TAFFait":          done,
		"Matiere":          tv(24, map[string]any{"N": sess.id(16, hw.Subject.ID), "L": hw.Subject.Name}),
		"PourLe":           date7(hw.Due),
		"DonneLe":          date7(hw.Given),
		"CouleurFond":      hw.Subject.Color,
		"ListePieceJointe": list24(files),
		"ListeThemes":      list24([]map[string]any{}),
		"niveauDifficulte": 0,
		"duree":            0,
		"genreRendu":       0,
	}
}

// homeworkDone answers SaisieTAFFaitEleve: data.listeTAF [{N, TAFFait}] marks homework done
// or not; the change lasts until Reset.
func (s *Server) homeworkDone(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		ListeTAF []struct {
			N       string `json:"N"`
			TAFFait *bool  `json:"TAFFait"`
		} `json:"listeTAF"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || len(q.ListeTAF) == 0 {
		return reply{}, fail(21)
	}
	for _, t := range q.ListeTAF {
		id, ok := sess.lookup(t.N)
		if !ok || t.TAFFait == nil {
			return reply{}, fail(22)
		}
		s.done[st.ID+"\x00"+id] = *t.TAFFait
	}
	return reply{data: map[string]any{}}, nil
}
