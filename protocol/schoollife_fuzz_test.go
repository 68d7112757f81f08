package protocol

import (
	"testing"
	"time"
)

// FuzzSchoolLifeReplies feeds arbitrary replies to the attendance, menu, evaluation and
// report-card decoders: they must never panic, and the lists they promise are never nil.
func FuzzSchoolLifeReplies(f *testing.F) {
	f.Add(`{"listeAbsences":{"_T":24,"V":[{"G":13,"N":"1","dateDebut":{"_T":7,"V":"02/11/2026 08:00:00"},"dateFin":{"_T":7,"V":"02/11/2026 12:00:00"},"listeMotifs":{"_T":24,"V":[{"L":"Maladie"}]}},` +
		`{"G":41,"dateDemande":{"_T":7,"V":"03/11/2026 09:00:00"},"programmation":{"_T":24,"V":[{"date":{"_T":7,"V":"05/11/2026"},"placeExecution":-3,"duree":60}]}},` +
		`{"G":71,"dateDemande":{"V":"04/11/2026"},"dateDebut":{"V":"05/11/2026 08:00:00"},"dateFin":{"V":"01/01/2026"}},{"G":14},{"G":46,"date":"9/11"}]}}`)
	f.Add(`{"ListeJours":{"_T":24,"V":[{"Date":{"_T":7,"V":"23/11/2026"},"ListeRepas":{"_T":24,"V":[{"G":7,"ListePlats":{"_T":24,"V":[{"G":-1,"ListeAliments":{"_T":24,"V":[{"L":"x","listeLabelsAlimentaires":{"_T":24,"V":[{"L":"Bio"}]}}]}}]}}]}}]}}`)
	f.Add(`{"listeEvaluations":{"_T":24,"V":[{"N":"e","date":{"V":"31/02/2026"},"coefficient":"1,5","listeNiveauxDAcquisitions":{"_T":24,"V":[{"L":"A","item":{"_T":24,"V":{"L":"i"}}}]}}]}}`)
	f.Add(`{"ListeServices":{"_T":24,"V":[{"L":"Maths","MoyenneEleve":{"_T":10,"V":"|1"},"ListeElements":{"_T":24,"V":[{"ListeProfesseurs":{"_T":24,"V":[{"L":"M. X"}]}}]}}]},"ObjetListeAppreciations":{"_T":24,"V":{"ListeAppreciations":{"_T":24,"V":[{"Intitule":"t","L":""}]}}}}`)
	f.Add(`{"message":"pas encore"}`)
	f.Fuzz(func(t *testing.T, text string) {
		s := &Session{now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }}
		s.acct.school.SlotsPerDay, s.acct.school.SlotStarts = 20, map[int]int{0: 480, 18: 1020}
		r := parseObj([]byte(text))
		a := s.attendanceFrom(r, "2026-09-01", "2026-12-31")
		if a.Absences == nil || a.Delays == nil || a.Punishments == nil || a.Observations == nil {
			t.Fatal("nil attendance list")
		}
		for _, p := range a.Punishments {
			if p.Schedule == nil || p.Reasons == nil {
				t.Fatal("nil punishment list")
			}
		}
		for _, it := range r.list("ListeJours") {
			if d := s.menuDayFrom(it); d.Meals == nil {
				t.Fatal("nil meals")
			}
		}
		for _, it := range r.list("listeEvaluations") {
			if e := s.evaluationFrom(it); e.Skills == nil {
				t.Fatal("nil skills")
			}
		}
		rc := reportCardFrom(r)
		if rc.Subjects == nil || rc.Comments == nil || (!rc.Published && len(rc.Subjects) > 0) {
			t.Fatalf("report card %+v", rc)
		}
		for _, l := range rc.Subjects {
			if l.Comments == nil || l.Teachers == nil {
				t.Fatal("nil subject list")
			}
		}
	})
}
