package ui

import (
	"fmt"
	"time"
)

// Dates cross from protocol as naive "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS" strings in the
// school's local time; they are read as UTC wall clocks and never converted. They are parsed
// by hand: time.Parse and Format would add their weight to pronote.wasm for two layouts.

// parseDate reads "YYYY-MM-DD" (or the date part of a date-time).
func parseDate(s string) (time.Time, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, m, d := digits(s[0:4]), digits(s[5:7]), digits(s[8:10])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 0 || t.Month() != time.Month(m) || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// parseDateTime reads "YYYY-MM-DDTHH:MM:SS".
func parseDateTime(s string) (time.Time, bool) {
	day, ok := parseDate(s)
	if !ok || len(s) != 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	h, m, sec := digits(s[11:13]), digits(s[14:16]), digits(s[17:19])
	if h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second), true
}

// digits reads a run of ASCII digits, -1 when s has anything else.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// dateOf is the calendar date of a local wall clock, as a UTC midnight.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// mondayOf is the Monday of t's week (weeks start on Monday in France).
func mondayOf(t time.Time) time.Time {
	d := dateOf(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func iso(t time.Time) string { return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day()) }

// minutes is the time of day of t in minutes since midnight.
func minutes(t time.Time) int { return t.Hour()*60 + t.Minute() }

// clock formats a time of day: "8h05" in French, "8:05" in English.
func clock(l Lang, t time.Time) string {
	if l == English {
		return fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%dh%02d", t.Hour(), t.Minute())
}

// hourLabel formats a whole hour for the timetable's gutter: "8h" or "8:00".
func hourLabel(l Lang, h int) string {
	if l == English {
		return fmt.Sprintf("%d:00", h)
	}
	return fmt.Sprintf("%dh", h)
}

// dayShort is a column heading: "lun. 23" or "Mon 23".
func dayShort(l Lang, t time.Time) string {
	name := weekdayNames[l][t.Weekday()]
	if l == English {
		return fmt.Sprintf("%s %d", name[:3], t.Day())
	}
	return fmt.Sprintf("%s. %d", name[:3], t.Day())
}

// dayLetter is a day strip button's short name: "lun." or "Mon".
func dayLetter(l Lang, t time.Time) string {
	name := weekdayNames[l][t.Weekday()]
	if l == English {
		return name[:3]
	}
	return name[:3] + "."
}

// dayLong is "lundi 23 novembre" or "Monday 23 November".
func dayLong(l Lang, t time.Time) string {
	return fmt.Sprintf("%s %d %s", weekdayNames[l][t.Weekday()], t.Day(), monthNames[l][t.Month()-1])
}

// dateShort is "23 nov." or "23 Nov" (grades).
func dateShort(l Lang, t time.Time) string {
	m := monthNames[l][t.Month()-1]
	if len([]rune(m)) > 4 {
		m = string([]rune(m)[:3])
		if l == French {
			m += "."
		}
	}
	return fmt.Sprintf("%d %s", t.Day(), m)
}

// weekLabel names the week of monday: "du 23 au 29 novembre 2026", "23–29 November 2026", and
// across months "du 30 novembre au 6 décembre 2026".
func weekLabel(l Lang, monday time.Time) string {
	sunday := monday.AddDate(0, 0, 6)
	m1, m2 := monthNames[l][monday.Month()-1], monthNames[l][sunday.Month()-1]
	switch {
	case l == English && monday.Month() == sunday.Month():
		return fmt.Sprintf("%d–%d %s %d", monday.Day(), sunday.Day(), m2, sunday.Year())
	case l == English:
		return fmt.Sprintf("%d %s – %d %s %d", monday.Day(), m1, sunday.Day(), m2, sunday.Year())
	case monday.Month() == sunday.Month():
		return fmt.Sprintf("du %d au %d %s %d", monday.Day(), sunday.Day(), m2, sunday.Year())
	}
	return fmt.Sprintf("du %d %s au %d %s %d", monday.Day(), m1, sunday.Day(), m2, sunday.Year())
}

// dueLabel heads a homework group: "Pour demain", "Pour lundi 23 novembre".
func dueLabel(l Lang, due, today time.Time) string {
	switch int(due.Sub(dateOf(today)).Hours() / 24) {
	case 0:
		return l.T("homework.today")
	case 1:
		return l.T("homework.tomorrow")
	}
	return l.T("homework.due") + " " + dayLong(l, due)
}

// startMonday is the week to open on: this week, or next week from Saturday on.
func startMonday(today time.Time) time.Time {
	if wd := today.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return mondayOf(today).AddDate(0, 0, 7)
	}
	return mondayOf(today)
}
