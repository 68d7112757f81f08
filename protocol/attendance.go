package protocol

import (
	"context"
	"sort"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// AttendanceQuery selects a grading period by its id (Session.Periods; all empty means the
// account's default period), or days From..To, "YYYY-MM-DD", both included (To defaults to
// From). A period and days together are refused.
type AttendanceQuery struct {
	Period string `json:"period,omitempty"`
	From   Date   `json:"from,omitempty"`
	To     Date   `json:"to,omitempty"`
}

// Attendance is the school-life record of a period or range (PagePresence, §8.3), each list
// sorted by date.
type Attendance struct {
	Absences     []Absence     `json:"absences"`
	Delays       []Delay       `json:"delays"`
	Punishments  []Punishment  `json:"punishments"`
	Observations []Observation `json:"observations"`
}

// Absence is a missed stretch of school (G 13).
type Absence struct {
	ID                 string   `json:"id"`
	From               DateTime `json:"from"`
	To                 DateTime `json:"to"`
	Justified          bool     `json:"justified"`
	Reasons            []string `json:"reasons"`
	Hours              string   `json:"hours,omitempty"` // PRONOTE's count, e.g. "2h30"
	Days               int      `json:"days,omitempty"`
	ParentsMustJustify bool     `json:"parentsMustJustify,omitempty"`
	Settled            bool     `json:"settled,omitempty"`
}

// Delay is a late arrival (G 14).
type Delay struct {
	ID            string   `json:"id"`
	Date          DateTime `json:"date"`
	Minutes       int      `json:"minutes"`
	Justified     bool     `json:"justified"`
	Justification string   `json:"justification,omitempty"`
	Reasons       []string `json:"reasons"`
}

// Punishment is a sanction (G 41), or a precautionary measure ("mesure conservatoire", G 71
// in the official enum, 72 as pawnote reads it, §12), whose span is its one scheduled slot.
type Punishment struct {
	ID            string          `json:"id"`
	Date          Date            `json:"date"` // when it was given
	Nature        string          `json:"nature"`
	Reasons       []string        `json:"reasons"`
	GivenBy       string          `json:"givenBy,omitempty"`
	Exclusion     bool            `json:"exclusion"`
	Homework      string          `json:"homework,omitempty"`
	Circumstances string          `json:"circumstances,omitempty"`
	Duration      int             `json:"duration,omitempty"` // minutes
	Schedule      []ScheduledSlot `json:"schedule"`
}

// ScheduledSlot is when a punishment is carried out.
type ScheduledSlot struct {
	Date     DateTime `json:"date"`
	Duration int      `json:"duration,omitempty"` // minutes
}

// Observation is a teacher's remark in the register (G 46): a forgotten book, homework not
// done, encouragement.
type Observation struct {
	ID      string `json:"id"`
	Date    Date   `json:"date"`
	Kind    string `json:"kind"` // the school's label for it, e.g. "Oubli de matériel"
	Subject string `json:"subject,omitempty"`
	Teacher string `json:"teacher,omitempty"`
	Text    string `json:"text,omitempty"`
}

// Attendance returns absences, delays, punishments and observations of a period or a range of
// days (PagePresence, onglet 19, §8.1).
func (s *Session) Attendance(ctx context.Context, q AttendanceQuery) (*Attendance, error) {
	return run(ctx, s, attendanceCall, q)
}

var attendanceCall = endpoint[AttendanceQuery, *Attendance]{
	name: "PagePresence", onglet: wire.TabAttendance,
	requests: one(func(s *Session, q AttendanceQuery) (any, error) {
		p, from, to, err := s.attendanceSpan(q)
		if err != nil {
			return nil, err
		}
		return map[string]any{"periode": periodRef(p), "DateDebut": wireDay(from), "DateFin": wireDay(to)}, nil
	}),
	decode: func(s *Session, q AttendanceQuery, replies []obj) (*Attendance, error) {
		_, from, to, _ := s.attendanceSpan(q)
		return s.attendanceFrom(replies[0], fmtDate(from), fmtDate(to)), nil
	},
}

// attendanceSpan is the period a query names and the days it covers: the period's own for a
// period, else the days asked for, in the period holding their first day (or the default one).
func (s *Session) attendanceSpan(q AttendanceQuery) (Period, time.Time, time.Time, error) {
	var none time.Time
	if q.Period != "" && (q.From != "" || q.To != "") {
		return Period{}, none, none, argError("period", "give a period, or from and to, not both")
	}
	if q.From == "" && q.To != "" {
		return Period{}, none, none, argError("from", "is required with to")
	}
	if q.From == "" {
		p, err := s.findPeriod(q.Period)
		if err != nil {
			return p, none, none, err
		}
		from, err1 := parseDay("period", orDefault(p.Start, s.acct.school.FirstDate))
		to, err2 := parseDay("period", orDefault(p.End, s.acct.school.LastDate))
		if err1 != nil || err2 != nil {
			return p, none, none, argError("period", "has no dates: give from and to")
		}
		return p, from, to, nil
	}
	from, to, err := dayRange(q.From, q.To)
	if err != nil {
		return Period{}, none, none, err
	}
	p, err := s.findPeriod("")
	for _, c := range s.acct.periodList() {
		if c.Start != "" && c.End != "" && c.Start <= q.From && q.From <= c.End {
			p, err = c, nil
			break
		}
	}
	return p, from, to, err
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// periodRef is how a request names a period (§8.1: periode {N, L, G:2}).
func periodRef(p Period) map[string]any { return map[string]any{"N": p.ID, "L": p.Name, "G": 2} }

// wireDay is a {_T:7} date at midnight, "dd/mm/yyyy 0:0:0" as §8.1 gives it for PageMenus
// (§9.4: the server reads padded and unpadded forms), written by hand to keep time.Format out
// of the module.
func wireDay(t time.Time) map[string]any {
	b := appendInt(nil, t.Day(), 2)
	b = appendInt(append(b, '/'), int(t.Month()), 2)
	b = appendInt(append(b, '/'), t.Year(), 4)
	return map[string]any{"_T": 7, "V": string(b) + " 0:0:0"}
}

// attendanceFrom splits listeAbsences by G (§8.1) and keeps what touches the days lo..hi.
func (s *Session) attendanceFrom(reply obj, lo, hi Date) *Attendance {
	a := &Attendance{Absences: []Absence{}, Delays: []Delay{}, Punishments: []Punishment{}, Observations: []Observation{}}
	in := func(start, end string) bool { return start != "" && start[:10] <= hi && end[:10] >= lo }
	for _, it := range reply.list("listeAbsences") {
		switch it.int("G") {
		case 13:
			if x := s.absenceFrom(it); in(x.From, orDefault(x.To, x.From)) {
				a.Absences = append(a.Absences, x)
			}
		case 14:
			if x := s.delayFrom(it); in(x.Date, x.Date) {
				a.Delays = append(a.Delays, x)
			}
		case 41, 71, 72:
			if x := s.punishmentFrom(it); in(x.Date, x.Date) {
				a.Punishments = append(a.Punishments, x)
			}
		case 46:
			if x := s.observationFrom(it); in(x.Date, x.Date) {
				a.Observations = append(a.Observations, x)
			}
		}
	}
	sort.SliceStable(a.Absences, func(i, j int) bool { return a.Absences[i].From < a.Absences[j].From })
	sort.SliceStable(a.Delays, func(i, j int) bool { return a.Delays[i].Date < a.Delays[j].Date })
	sort.SliceStable(a.Punishments, func(i, j int) bool { return a.Punishments[i].Date < a.Punishments[j].Date })
	sort.SliceStable(a.Observations, func(i, j int) bool { return a.Observations[i].Date < a.Observations[j].Date })
	return a
}

func labels(items []obj) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if l := it.str("L"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (s *Session) dateTimeOf(v any) DateTime {
	if t, ok := asTime(v, s.today); ok {
		return fmtDateTime(t)
	}
	return ""
}

func (s *Session) absenceFrom(it obj) Absence {
	return Absence{ID: it.str("N"), From: s.dateTimeOf(it.get("dateDebut")), To: s.dateTimeOf(it.get("dateFin")),
		Justified: it.flag("justifie"), Reasons: labels(it.list("listeMotifs")), Hours: it.str("NbrHeures"),
		Days: it.int("NbrJours"), ParentsMustJustify: it.flag("aJustifierParParents"), Settled: it.flag("reglee")}
}

func (s *Session) delayFrom(it obj) Delay {
	return Delay{ID: it.str("N"), Date: s.dateTimeOf(it.get("date")), Minutes: it.int("duree"),
		Justified: it.flag("justifie"), Justification: it.str("justification"), Reasons: labels(it.list("listeMotifs"))}
}

// punishmentFrom reads a punishment or a precautionary measure. A slot whose date has no time
// of day starts at its placeExecution (the slot of the day, §8.3). A measure has no
// programmation: its slot is dateDebut..dateFin (fields as pawnote's types name them; protocol.md
// does not list them).
func (s *Session) punishmentFrom(it obj) Punishment {
	p := Punishment{ID: it.str("N"), Date: dateOf(it.get("dateDemande"), s.today), Nature: it.obj("nature").str("L"),
		Reasons: labels(it.list("listeMotifs")), GivenBy: it.obj("demandeur").str("L"), Exclusion: it.flag("estUneExclusion"),
		Homework: it.str("travailAFaire"), Circumstances: it.str("circonstances"), Duration: it.int("duree"),
		Schedule: []ScheduledSlot{}}
	for _, slot := range it.list("programmation") {
		t, ok := asTime(slot.get("date"), s.today)
		if !ok {
			continue
		}
		if place, has := slot.num("placeExecution"); has && t.Hour() == 0 && t.Minute() == 0 {
			t = s.slotStart(t, int(place))
		}
		p.Schedule = append(p.Schedule, ScheduledSlot{Date: fmtDateTime(t), Duration: slot.int("duree")})
	}
	if start, ok := asTime(it.get("dateDebut"), s.today); ok && len(p.Schedule) == 0 {
		slot := ScheduledSlot{Date: fmtDateTime(start)}
		if end, ok := asTime(it.get("dateFin"), s.today); ok && end.After(start) {
			slot.Duration = int(end.Sub(start) / time.Minute)
		}
		p.Schedule = append(p.Schedule, slot)
	}
	return p
}

// slotStart is the start of a slot (place) on day, from the school's ListeHeures; day itself
// when the school sent no slot table.
func (s *Session) slotStart(day time.Time, place int) time.Time {
	p := s.acct.school
	if p.SlotsPerDay > 0 {
		if m, ok := p.SlotStarts[place%p.SlotsPerDay]; ok {
			return day.Add(time.Duration(m) * time.Minute)
		}
	}
	return day
}

// observationFrom reads a register remark. Its kind is the school's label for it (L, else its
// rubrique's): the remark kinds are the school's own list (protocol.md is silent on these
// fields; the names are those of pawnote's types).
func (s *Session) observationFrom(it obj) Observation {
	o := Observation{ID: it.str("N"), Date: dateOf(it.get("date"), s.today), Kind: it.str("L"),
		Subject: it.obj("matiere").str("L"), Teacher: it.obj("demandeur").str("L"), Text: it.str("commentaire")}
	if o.Kind == "" {
		o.Kind = it.obj("rubrique").str("L")
	}
	return o
}
