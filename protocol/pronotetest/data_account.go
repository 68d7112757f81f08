package pronotetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PageInfosPerso", function{stage: stageLogged, data: (*Server).infosPerso, onglets: []int{wire.TabAccount, wire.TabTimetable}})
	register("PageEquipePedagogique", function{stage: stageLogged, data: (*Server).teachingTeam, onglets: []int{wire.TabTeachers}})
}

// noDataObject accepts a request that carries no data, or an empty data object (§8.1: "none").
func noDataObject(req request) *protoError {
	if req.data == nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(req.data, &m) != nil || len(m) > 0 {
		return fail(21)
	}
	return nil
}

// infosPerso answers PageInfosPerso: on onglet 16 the timetable's iCal parameters
// (iCal.liste[0].paramICal, paramSuppl; §8.1), on onglet 49 the pupil's details
// (Informations) and the same iCal, where pawnote 1.6.2 reads it on 2024+ servers. With
// Options.NoICal there is no iCal.
func (s *Server) infosPerso(sess *session, req request, st Student) (reply, *protoError) {
	if perr := noDataObject(req); perr != nil {
		return reply{}, perr
	}
	var sig signature
	json.Unmarshal(req.sig, &sig) // checked by checkSignature
	data := map[string]any{}
	if !s.opts.NoICal {
		feed := map[string]any{"L": "Emploi du temps", "paramICal": ICalToken(st), "paramSuppl": ICalParam}
		data["iCal"] = map[string]any{"liste": list24([]map[string]any{feed})}
	}
	if *sig.Onglet == wire.TabTimetable {
		return reply{data: data}, nil
	}
	a := sess.demo.Account(st)
	inf := map[string]any{
		"codePostal": a.PostalCode, "ville": a.City, "province": a.Province, "pays": a.Country,
		"eMail": a.Email, "indicatifTel": a.PhoneCode, "telephonePortable": a.MobilePhone, "numeroINE": a.INE,
	}
	for i, line := range a.Address {
		inf[fmt.Sprintf("adresse%d", i+1)] = line
	}
	data["Informations"] = inf
	data["securisation"] = map[string]any{"mode": 0}
	data["autorisations"] = map[string]any{"avecModifAdresse": false}
	return reply{data: data}, nil
}

// teachingTeam answers PageEquipePedagogique (onglet 37): the class's teachers with their
// subjects (liste, §8.3 "Teaching staff").
func (s *Server) teachingTeam(sess *session, req request, st Student) (reply, *protoError) {
	if perr := noDataObject(req); perr != nil {
		return reply{}, perr
	}
	list := []map[string]any{}
	for i, m := range sess.demo.Teachers(st) {
		subjects := []map[string]any{}
		for _, sub := range m.Subjects {
			subjects = append(subjects, map[string]any{"N": sess.id(16, sub.ID), "L": sub.Name, "volumeHoraire": sub.Hours,
				"servicePere": tv(24, map[string]any{})})
		}
		list = append(list, map[string]any{"N": sess.id(3, "prof:"+m.Name), "L": m.Name, "P": i + 1, "G": 3,
			"matieres": list24(subjects)})
	}
	return reply{data: map[string]any{"liste": list24(list)}}, nil
}

// isICalPath reports whether a path relative to RootPath is an iCal feed: ical/NAME.ics,
// mesinformations.ics in §8.2; pawnote 1.6.2 asks for timetable.ics, so the name is free.
func isICalPath(rest string) bool {
	name, ok := strings.CutPrefix(rest, "ical/")
	return ok && strings.HasSuffix(name, ".ics") && !strings.Contains(name, "/")
}

// serveICal answers GET {root}ical/NAME.ics?icalsecurise=…&version=…&param=… without a
// session, as calendar applications fetch it: the pupil's lessons of the anchor's week and
// the next one. version and param are not checked. An unknown icalsecurise, or
// Options.NoICal, is 404.
func (s *Server) serveICal(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var st Student
	for _, c := range []Student{StudentLea, StudentHugo} {
		if q.Get("icalsecurise") == ICalToken(c) {
			st = c
		}
	}
	if st.ID == "" || s.opts.NoICal || r.Method != http.MethodGet {
		http.Error(w, "Calendrier introuvable.", http.StatusNotFound)
		return
	}
	d := NewDemo(s.now())
	monday := mondayOf(d.Now)
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Write(ICalendar(st, d.Lessons(st, monday, monday.AddDate(0, 0, 13)), s.now()))
}

// ICalendar writes lessons as an iCalendar feed (RFC 5545), in floating school time.
func ICalendar(st Student, lessons []Lesson, stamp time.Time) []byte {
	esc := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	const layout = "20060102T150405"
	var b strings.Builder
	line := func(k, v string) { b.WriteString(k + ":" + v + "\r\n") }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Index Education//PRONOTE demonstration//FR")
	line("X-WR-CALNAME", esc.Replace("Emploi du temps - "+st.Name))
	for _, l := range lessons {
		line("BEGIN", "VEVENT")
		line("UID", esc.Replace(l.ID+"@pronotetest"))
		line("DTSTAMP", dateOf(stamp).Format(layout))
		line("DTSTART", l.Start.Format(layout))
		line("DTEND", l.End.Format(layout))
		line("SUMMARY", esc.Replace(l.Subject.Name))
		line("LOCATION", esc.Replace(l.Subject.Room))
		line("DESCRIPTION", esc.Replace(l.Subject.Teacher))
		if l.Cancelled {
			line("STATUS", "CANCELLED")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return []byte(b.String())
}
