package ui

import (
	"context"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// tabSchoolLife is the school-life tab: absences, late arrivals, punishments, remarks.
const tabSchoolLife = "schoollife"

// schoolLifeState is the school-life tab's data: the year's record of the shown child.
type schoolLifeState struct {
	att     *protocol.Attendance
	loadSeq int // the screen (app.seq) a load runs for; 0 when none runs
	err     string
}

func (a *app) schoolLifeView(s *screen) dom.Element {
	sl := &a.sl
	view := s.el("div", "view view-schoollife")
	switch {
	case sl.err != "":
		view.AppendChild(a.errorBox(s, sl.err, a.loadSchoolLife))
	case sl.att == nil:
		view.AppendChild(a.loadingBox(s))
		if sl.loadSeq != a.seq {
			a.loadSchoolLife()
		}
	default:
		view.AppendChild(s.el("p", "sl-scope", a.lang.T("life.scope")))
		sections := layoutLife(sl.att, a.today())
		if len(sections) == 0 {
			view.AppendChild(s.el("p", "notice", a.lang.T("life.empty")))
		}
		for _, sec := range sections {
			view.AppendChild(a.lifeSection(s, sec))
		}
	}
	return view
}

// loadSchoolLife fetches the school year's record.
func (a *app) loadSchoolLife() {
	sl := &a.sl
	sl.loadSeq, sl.err = a.seq, ""
	period := yearPeriod(a.k.s.Periods())
	var got *protocol.Attendance
	a.call(func(ctx context.Context, d Data) (err error) {
		got, err = d.Attendance(ctx, protocol.AttendanceQuery{Period: period})
		return err
	}, func(err error) {
		sl.loadSeq = 0
		if err != nil {
			sl.err = a.code(err)
		} else {
			sl.att = got
		}
		if a.tab == tabSchoolLife {
			a.renderPanel()
		}
	})
}

// lifeSection is one heading with its events; the sections that need doing stand out.
func (a *app) lifeSection(s *screen, sec lifeSection) dom.Element {
	id := "sl-" + sec.Key
	title := a.lang.T("life.section."+sec.Key) + " (" + strconv.Itoa(len(sec.Entries)) + ")"
	box := attrs(s.el("section", "sl-section sl-"+sec.Key, attrs(s.el("h2", "sl-title", title), "id", id)),
		"aria-labelledby", id)
	if sec.Key == lifeToJustify || sec.Key == lifeUpcoming {
		box.Class().Add("is-action")
	}
	if sec.Key == lifeToJustify {
		box.AppendChild(s.el("p", "sl-hint", a.lang.T("life.hint.toJustify")))
	}
	list := s.el("ul", "sl-list")
	for _, e := range sec.Entries {
		list.AppendChild(a.lifeItem(s, e))
	}
	box.AppendChild(list)
	return box
}

// lifeItem is one event: what, when, its state as a word (never a colour alone), details.
func (a *app) lifeItem(s *screen, e lifeEntry) dom.Element {
	switch {
	case e.Absence != nil:
		return a.absenceItem(s, *e.Absence)
	case e.Delay != nil:
		return a.delayItem(s, *e.Delay)
	case e.Punishment != nil:
		return a.punishmentItem(s, *e.Punishment)
	}
	return a.observationItem(s, *e.Observation)
}

// lifeCard lays out an event: a title, badges (text, with a class for their colour), the date
// line and detail lines (empty ones left out).
func (a *app) lifeCard(s *screen, kind, title string, badges [][2]string, when string, details ...string) dom.Element {
	head := s.el("div", "sl-head", s.el("h3", "sl-what", title))
	for _, b := range badges {
		head.AppendChild(s.el("span", "badge "+b[1], b[0]))
	}
	card := s.el("li", "sl-item sl-"+kind, head, s.el("p", "sl-when", when))
	for _, d := range details {
		if d != "" {
			card.AppendChild(s.el("p", "sl-detail", d))
		}
	}
	return card
}

func (a *app) absenceItem(s *screen, x protocol.Absence) dom.Element {
	l := a.lang
	var badges [][2]string
	switch {
	case x.Justified:
		badges = append(badges, [2]string{l.T("life.justified"), "badge-ok"})
	case toJustify(x) && x.ParentsMustJustify:
		badges = append(badges, [2]string{l.T("life.byParents"), "badge-danger"})
	case toJustify(x):
		badges = append(badges, [2]string{l.T("life.toJustify"), "badge-danger"})
	default:
		badges = append(badges, [2]string{l.T("life.notJustified"), "badge-danger"}, [2]string{l.T("life.settled"), "badge-muted"})
	}
	var missed []string
	if x.Days > 0 {
		unit := l.T("life.days")
		if x.Days == 1 {
			unit = l.T("life.day")
		}
		missed = append(missed, strconv.Itoa(x.Days)+" "+unit)
	}
	if x.Hours != "" {
		missed = append(missed, x.Hours+" "+l.T("life.lessons"))
	}
	return a.lifeCard(s, "absence", l.T("life.absence"), badges, span(l, x.From, x.To),
		strings.Join(missed, " · "), a.absenceReasons(x.Reasons))
}

// absenceReasons is the reasons of an absence, or that none is known yet.
func (a *app) absenceReasons(rs []string) string {
	if len(rs) == 0 {
		return a.lang.T("life.reasonUnknown")
	}
	return a.reasons(rs)
}

func (a *app) delayItem(s *screen, x protocol.Delay) dom.Element {
	l := a.lang
	badge := [2]string{l.T("life.notJustifiedDelay"), "badge-danger"}
	if x.Justified {
		badge = [2]string{l.T("life.justifiedDelay"), "badge-ok"}
	}
	return a.lifeCard(s, "delay", l.T("life.delay")+" "+duration(x.Minutes), [][2]string{badge}, dayAt(l, x.Date),
		x.Justification, a.reasons(x.Reasons))
}

func (a *app) punishmentItem(s *screen, x protocol.Punishment) dom.Element {
	l := a.lang
	var badges [][2]string
	if x.Exclusion {
		badges = append(badges, [2]string{l.T("life.exclusion"), "badge-danger"})
	}
	given := ""
	if d, ok := parseDate(x.Date); ok {
		given = l.T("life.given") + " " + dayLong(l, d)
	}
	if x.GivenBy != "" {
		given += " " + l.T("life.by") + " " + x.GivenBy
	}
	nature := x.Nature
	if nature == "" {
		nature = l.T("life.section.punishments")
	}
	card := a.lifeCard(s, "punishment", nature, badges, strings.TrimSpace(given), a.reasons(x.Reasons),
		labelled(l, "life.circumstances", x.Circumstances), labelled(l, "life.homework", x.Homework))
	card.AppendChild(a.schedule(s, x))
	return card
}

// schedule says when a punishment is (or was) to be done, with how long.
func (a *app) schedule(s *screen, x protocol.Punishment) dom.Element {
	l := a.lang
	if len(x.Schedule) == 0 {
		return s.el("p", "sl-slot", l.T("life.unscheduled"))
	}
	list := s.el("ul", "sl-slots")
	for _, slot := range x.Schedule {
		list.AppendChild(s.el("li", "sl-slot", slotText(l, slot, x.Duration, a.today())))
	}
	return list
}

func (a *app) observationItem(s *screen, x protocol.Observation) dom.Element {
	when := x.Date
	if d, ok := parseDate(x.Date); ok {
		when = dayLong(a.lang, d)
	}
	who := strings.Join(nonEmpty(x.Subject, x.Teacher), " · ")
	if who != "" {
		when += " · " + who
	}
	return a.lifeCard(s, "observation", x.Kind, nil, when, x.Text)
}

// reasons is the reason line of an event.
func (a *app) reasons(rs []string) string {
	return labelled(a.lang, "life.reasons", strings.Join(rs, ", "))
}
