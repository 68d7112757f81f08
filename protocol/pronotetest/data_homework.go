package pronotetest

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PageCahierDeTexte", function{stage: stageLogged, data: (*Server).homework, onglets: []int{wire.TabHomework, wire.TabLessonContents}})
	register("SaisieTAFFaitEleve", function{stage: stageLogged, data: (*Server).homeworkDone, onglets: []int{wire.TabHomework}})
}

// homework answers PageCahierDeTexte: the homework due in the weeks of data.domaine (_T 8) on
// onglet 88, and the lesson contents of those weeks on onglet 89 (§8.1).
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
	if *sig.Onglet == wire.TabLessonContents {
		return s.lessonContents(sess, st, weeks), nil
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
		files = append(files, sess.attachmentJSON(a))
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

// homeworkDone answers SaisieTAFFaitEleve: data.listeTAF [{N, TAFFait, E?}] marks homework
// done or not; the change lasts until Reset. Every item is checked before any is applied: an
// N this session did not hand out is G 22, homework of another pupil than the one the call is
// about G 3, a missing TAFFait or an E other than 2 (modified, as Pawnote sends; pronotepy
// omits it) G 21.
func (s *Server) homeworkDone(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		ListeTAF []struct {
			N       string `json:"N"`
			TAFFait *bool  `json:"TAFFait"`
			E       *int   `json:"E"`
		} `json:"listeTAF"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || len(q.ListeTAF) == 0 {
		return reply{}, fail(21)
	}
	changes := map[string]bool{}
	for _, t := range q.ListeTAF {
		id, ok := sess.lookup(t.N)
		switch {
		case t.TAFFait == nil || t.E != nil && *t.E != 2:
			return reply{}, fail(21)
		case !ok || !strings.HasPrefix(t.N, "88#"):
			return reply{}, fail(22)
		case !s.homeworkOf(st, id):
			return reply{}, fail(3)
		}
		changes[st.ID+"\x00"+id] = *t.TAFFait
	}
	for k, v := range changes {
		s.done[k] = v
	}
	return reply{data: map[string]any{}}, nil
}

// DoneChange is a done state set by SaisieTAFFaitEleve: the pupil's and the homework's stable
// ids (the dataset's, as "taf:3ème B:2026-11-24:mat-maths", not a session's N).
type DoneChange struct {
	Student  string `json:"student"`
	Homework string `json:"homework"`
	Done     bool   `json:"done"`
}

// HomeworkDone returns the done states SaisieTAFFaitEleve set since the last Reset, sorted by
// pupil then homework, so a test can check what a client changed on the server.
func (s *Server) HomeworkDone() []DoneChange {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []DoneChange{}
	for k, v := range s.done {
		st, hw, _ := strings.Cut(k, "\x00")
		out = append(out, DoneChange{Student: st, Homework: hw, Done: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Student != out[j].Student {
			return out[i].Student < out[j].Student
		}
		return out[i].Homework < out[j].Homework
	})
	return out
}

// homeworkOf reports whether a homework id is one of the pupil's: the dataset's ids carry the
// class, planted homework is everyone's.
func (s *Server) homeworkOf(st Student, id string) bool {
	return strings.HasPrefix(id, "taf:"+st.Class+":") || strings.HasPrefix(id, "planted:")
}
