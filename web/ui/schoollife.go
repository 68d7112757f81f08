package ui

import (
	"sort"
	"strconv"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// lifeEntry is one event of the school-life record: exactly one of its pointers is set.
type lifeEntry struct {
	when        string // sort key: a date-time or a date, "YYYY-MM-DD…"
	Absence     *protocol.Absence
	Delay       *protocol.Delay
	Punishment  *protocol.Punishment
	Observation *protocol.Observation
}

// lifeSection is a heading of the school-life tab and its events. Key names its text
// ("life.section."+Key).
type lifeSection struct {
	Key     string
	Entries []lifeEntry
}

// The sections of the school-life tab, in the order a parent checks them: what needs doing
// (absences to justify, punishments still to be done), then the record, newest first.
const (
	lifeToJustify   = "toJustify"
	lifeUpcoming    = "upcoming"
	lifeAbsences    = "absences"
	lifeDelays      = "delays"
	lifePunishments = "punishments"
	lifeRemarks     = "observations"
)

// toJustify tells an absence that still waits for a justification: not justified, and not
// closed by the school (réglée) as it is.
func toJustify(x protocol.Absence) bool { return !x.Justified && !x.Settled }

// upcomingSlot is the first slot of p on or after today, "" when it has none left.
func upcomingSlot(p protocol.Punishment, today time.Time) string {
	first := ""
	for _, s := range p.Schedule {
		if len(s.Date) >= 10 && s.Date[:10] >= iso(today) && (first == "" || s.Date < first) {
			first = s.Date
		}
	}
	return first
}

// layoutLife sorts a school-life record into its sections; empty sections are left out.
// Absences to justify come first, newest first; then punishments still to be done, soonest
// first; then the rest of each kind, newest first.
func layoutLife(att *protocol.Attendance, today time.Time) []lifeSection {
	if att == nil {
		return nil
	}
	var justify, upcoming, absences, delays, punishments, remarks []lifeEntry
	for i := range att.Absences {
		x := &att.Absences[i]
		e := lifeEntry{when: x.From, Absence: x}
		if toJustify(*x) {
			justify = append(justify, e)
		} else {
			absences = append(absences, e)
		}
	}
	for i := range att.Delays {
		delays = append(delays, lifeEntry{when: att.Delays[i].Date, Delay: &att.Delays[i]})
	}
	for i := range att.Punishments {
		x := &att.Punishments[i]
		if slot := upcomingSlot(*x, today); slot != "" {
			upcoming = append(upcoming, lifeEntry{when: slot, Punishment: x})
		} else {
			punishments = append(punishments, lifeEntry{when: x.Date, Punishment: x})
		}
	}
	for i := range att.Observations {
		remarks = append(remarks, lifeEntry{when: att.Observations[i].Date, Observation: &att.Observations[i]})
	}
	sort.SliceStable(upcoming, func(i, j int) bool { return upcoming[i].when < upcoming[j].when })
	var out []lifeSection
	for _, s := range []lifeSection{
		{lifeToJustify, newestFirst(justify)}, {lifeUpcoming, upcoming}, {lifeAbsences, newestFirst(absences)},
		{lifeDelays, newestFirst(delays)}, {lifePunishments, newestFirst(punishments)}, {lifeRemarks, newestFirst(remarks)},
	} {
		if len(s.Entries) > 0 {
			out = append(out, s)
		}
	}
	return out
}

func newestFirst(es []lifeEntry) []lifeEntry {
	sort.SliceStable(es, func(i, j int) bool { return es[i].when > es[j].when })
	return es
}

// yearPeriod is the id of the school year's period (kind "year"), so the tab shows the whole
// year; "" (the account's default period) when the school has none.
func yearPeriod(ps []protocol.Period) string {
	for _, p := range ps {
		if p.Kind == "year" {
			return p.ID
		}
	}
	return ""
}

// duration reads minutes as "45 min", "1 h", "1 h 30".
func duration(m int) string {
	switch {
	case m <= 0:
		return ""
	case m < 60:
		return strconv.Itoa(m) + " min"
	case m%60 == 0:
		return strconv.Itoa(m/60) + " h"
	}
	return strconv.Itoa(m/60) + " h " + pad2(m%60)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dayAt is "mercredi 25 novembre à 17h00" or "Wednesday 25 November at 17:00"; the day alone
// for a date without a time of day.
func dayAt(l Lang, dt string) string {
	if t, ok := parseDateTime(dt); ok {
		return dayLong(l, t) + " " + l.T("life.at") + " " + clock(l, t)
	}
	if t, ok := parseDate(dt); ok {
		return dayLong(l, t)
	}
	return dt
}

// span names the stretch from..to of an absence: one day with its hours ("lundi 16 novembre,
// 13h00 – 17h00"), or the days ("du jeudi 22 octobre au vendredi 23 octobre").
func span(l Lang, from, to string) string {
	f, ok1 := parseDateTime(from)
	t, ok2 := parseDateTime(to)
	switch {
	case !ok1:
		return from
	case !ok2 || !t.After(f):
		return dayAt(l, from)
	}
	return spanOf(l, f, t)
}

func spanOf(l Lang, f, t time.Time) string {
	if dateOf(f).Equal(dateOf(t)) {
		return dayLong(l, f) + ", " + clock(l, f) + " – " + clock(l, t)
	}
	return l.T("life.from") + " " + dayLong(l, f) + " " + l.T("life.to") + " " + dayLong(l, t)
}

// slotText says when a punishment's slot is: "À faire le mercredi 25 novembre à 17h00 (1 h)"
// from today on, "Programmée le …" before; a slot of more than a day (a precautionary
// exclusion) as its days, "du … au …". Minutes is the punishment's own duration, for a slot
// that has none.
func slotText(l Lang, slot protocol.ScheduledSlot, minutes int, today time.Time) string {
	m := slot.Duration
	if m <= 0 {
		m = minutes
	}
	if t, ok := parseDateTime(slot.Date); ok && m >= 24*60 {
		return spanOf(l, t, t.Add(time.Duration(m)*time.Minute))
	}
	key := "life.scheduled"
	if len(slot.Date) >= 10 && slot.Date[:10] >= iso(today) {
		key = "life.todo"
	}
	text := l.T(key) + " " + dayAt(l, slot.Date)
	if d := duration(m); d != "" {
		text += " (" + d + ")"
	}
	return text
}

// labelled is "Libellé : texte" (French spacing) or "Label: text", "" without a text.
func labelled(l Lang, key, text string) string {
	if text == "" {
		return ""
	}
	if l == English {
		return l.T(key) + ": " + text
	}
	return l.T(key) + " : " + text
}

// nonEmpty keeps the strings that are not empty.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
