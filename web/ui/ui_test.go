package ui

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

func TestTextsComplete(t *testing.T) {
	for key, v := range texts {
		if v[French] == "" || v[English] == "" {
			t.Errorf("text %q is missing a language", key)
		}
	}
	for _, c := range declaredCodes(t) {
		fr, en := French.ErrorText(c), English.ErrorText(c)
		if _, ok := errorTexts[c]; !ok || fr == en {
			t.Errorf("error code %s: fr %q, en %q", c, fr, en)
		}
	}
	for _, step := range loginStepsForTest {
		if _, ok := texts["step."+step]; !ok {
			t.Errorf("no text for login step %q", step)
		}
	}
	if ParseLang("en-GB") != English || ParseLang("fr-FR") != French || ParseLang("") != French {
		t.Error("ParseLang")
	}
}

var loginStepsForTest = []string{protocol.StepPage, protocol.StepParameters, protocol.StepIdentification,
	protocol.StepAuthentication, protocol.StepUser}

func day(s string) time.Time {
	t, _ := parseDate(s)
	return t
}

func TestDates(t *testing.T) {
	mon := day("2026-11-23")
	tests := []struct{ got, want string }{
		{iso(mondayOf(day("2026-11-29"))), "2026-11-23"},
		{iso(mondayOf(day("2026-11-23"))), "2026-11-23"},
		{iso(startMonday(day("2026-11-28"))), "2026-11-30"},
		{iso(startMonday(day("2026-11-27"))), "2026-11-23"},
		{weekLabel(French, mon), "du 23 au 29 novembre 2026"},
		{weekLabel(French, day("2026-11-30")), "du 30 novembre au 6 décembre 2026"},
		{weekLabel(English, mon), "23–29 November 2026"},
		{dayShort(French, mon), "lun. 23"},
		{dayShort(English, mon), "Mon 23"},
		{dayLong(French, mon), "lundi 23 novembre"},
		{dateShort(French, day("2026-02-03")), "3 fév."},
		{dateShort(English, day("2026-05-03")), "3 May"},
		{clock(French, time.Date(2026, 1, 1, 8, 5, 0, 0, time.UTC)), "8h05"},
		{clock(English, time.Date(2026, 1, 1, 14, 30, 0, 0, time.UTC)), "14:30"},
		{dueLabel(French, day("2026-11-24"), mon.Add(10*time.Hour)), "Pour demain"},
		{dueLabel(English, day("2026-11-26"), mon), "Due Thursday 26 November"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestParseDates(t *testing.T) {
	for in, ok := range map[string]bool{"2026-11-23": true, "2026-02-30": false, "2026-1-23": false, "2026-11-2x": false, "": false} {
		if _, got := parseDate(in); got != ok {
			t.Errorf("parseDate(%q) ok = %v", in, got)
		}
	}
	for in, ok := range map[string]bool{"2026-11-23T08:05:00": true, "2026-11-23T24:00:00": false, "2026-11-23 08:05:00": false, "2026-11-23T08:05": false} {
		if got, valid := parseDateTime(in); valid != ok || ok && got.Format("2006-01-02T15:04:05") != in {
			t.Errorf("parseDateTime(%q) = %v, %v", in, got, valid)
		}
	}
}

func TestLayoutWeek(t *testing.T) {
	ls := []protocol.Lesson{
		{ID: "a", Start: "2026-11-23T08:00:00", End: "2026-11-23T09:00:00"},
		{ID: "b", Start: "2026-11-23T09:00:00", End: "2026-11-23T10:00:00", Cancelled: true},
		{ID: "c", Start: "2026-11-23T09:00:00", End: "2026-11-23T11:00:00"},
		{ID: "d", Start: "2026-11-23T10:00:00", End: "2026-11-23T10:30:00"},
		{ID: "e", Start: "2026-11-25T07:30:00", End: "2026-11-25T18:15:00"},
		{ID: "late", Start: "2026-12-01T08:00:00", End: "2026-12-01T09:00:00"},
		{ID: "bad", Start: "lundi"},
	}
	g := layoutWeek(day("2026-11-23"), ls)
	if len(g.Days) != 5 || g.FromHour != 7 || g.ToHour != 19 {
		t.Fatalf("days %d, hours %d–%d", len(g.Days), g.FromHour, g.ToHour)
	}
	mon := g.Days[0].Lessons
	got := []string{}
	for _, l := range mon {
		got = append(got, l.ID+":"+string(rune('0'+l.Lane))+"/"+string(rune('0'+l.Lanes)))
	}
	// c takes place, so it comes before the cancelled b at 9h; d overlaps c only.
	if want := "a:0/1 c:0/2 b:1/2 d:1/2"; strings.Join(got, " ") != want {
		t.Errorf("lanes %v, want %s", got, want)
	}
	if a := mon[0]; math.Abs(a.Top-100.0/12) > 1e-9 || math.Abs(a.Height-100.0/12) > 1e-9 {
		t.Errorf("a at %v + %v", a.Top, a.Height)
	}
	sat := layoutWeek(day("2026-11-23"), []protocol.Lesson{{Start: "2026-11-28T08:00:00", End: "2026-11-28T12:00:00"}})
	if len(sat.Days) != 6 {
		t.Errorf("saturday lessons: %d days", len(sat.Days))
	}
}

func TestColorOf(t *testing.T) {
	for in, want := range map[string]string{"#1A2b3C": "#1A2b3C", "red": "", "#12345": "", "#12345g": "", "#123456;x": ""} {
		if got := colorOf(in); got != want {
			t.Errorf("colorOf(%q) = %q", in, got)
		}
	}
}

func TestMarks(t *testing.T) {
	v := 15.5
	zero := 0.0
	tests := []struct {
		l    Lang
		m    *protocol.Mark
		want string
	}{
		{French, &protocol.Mark{Value: &v, Kind: "grade"}, "15,5"},
		{English, &protocol.Mark{Value: &v, Kind: "grade"}, "15.5"},
		{French, &protocol.Mark{Kind: "absent"}, "Absent"},
		{English, &protocol.Mark{Kind: "exempted"}, "Exempted"},
		{French, &protocol.Mark{Value: &zero, Kind: "notReturnedZero"}, "Non rendu (0)"},
		{French, &protocol.Mark{Kind: "mystery"}, "Autre"},
		{French, nil, "—"},
	}
	for _, tt := range tests {
		if got := markText(tt.l, tt.m); got != tt.want {
			t.Errorf("markText = %q, want %q", got, tt.want)
		}
	}
	if number(French, 12.3456) != "12,35" || outOf(English, 20) != "/20" || outOf(French, 0) != "" {
		t.Error("number/outOf")
	}
}

func TestGroupGrades(t *testing.T) {
	g := &protocol.Grades{
		Averages: []protocol.SubjectAverage{{Subject: "Maths"}, {Subject: "Français"}},
		Grades: []protocol.Grade{{ID: "1", Subject: "Maths", Date: "2026-10-01"}, {ID: "2", Subject: "Arts", Date: "2026-10-02"},
			{ID: "3", Subject: "Maths", Date: "2026-11-01"}},
	}
	groups := groupGrades(g)
	if len(groups) != 3 || groups[2].Average.Subject != "Arts" || groups[0].Grades[0].ID != "3" || len(groups[1].Grades) != 0 {
		t.Errorf("groups %+v", groups)
	}
}

func TestSpacePage(t *testing.T) {
	tests := []struct {
		in   string
		kind protocol.Kind
		want string
	}{
		{"https://0000000a.index-education.net/pronote/", protocol.KindStudent, "https://0000000a.index-education.net/pronote/eleve.html"},
		{"0000000a.index-education.net/pronote", protocol.KindParent, "https://0000000a.index-education.net/pronote/parent.html"},
		{"https://x.index-education.net", protocol.KindStudent, "https://x.index-education.net/pronote/eleve.html"},
		{" https://x.example/pronote/mobile.eleve.html?login=true#a ", protocol.KindParent, "https://x.example/pronote/parent.html"},
		{"http://127.0.0.1:8080/pronote/", protocol.KindStudent, "http://127.0.0.1:8080/pronote/eleve.html"},
		{"javascript:alert(1)", protocol.KindStudent, ""},
		{"", protocol.KindStudent, ""},
	}
	for _, tt := range tests {
		if got := spacePage(tt.in, tt.kind); got != tt.want {
			t.Errorf("spacePage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisplayName(t *testing.T) {
	for in, want := range map[string]string{"MARTIN Léa": "Léa MARTIN", "Léa Martin": "Léa Martin", "MARTIN": "MARTIN", "DE LA TOUR Anne": "Anne DE LA TOUR", "A": "A"} {
		if got := displayName(in); got != want {
			t.Errorf("displayName(%q) = %q", in, got)
		}
	}
}

// declaredCodes reads the ErrorCode union of pronote.d.ts, so that a code added to the API
// cannot lack its explanation in the interface.
func declaredCodes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../pronote.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	_, union, ok := strings.Cut(string(src), "export type ErrorCode =")
	union, _, _ = strings.Cut(union, ";")
	var codes []string
	for _, part := range strings.Split(union, "|") {
		if c := strings.Trim(strings.TrimSpace(part), `"`); c != "" {
			codes = append(codes, c)
		}
	}
	if !ok || len(codes) < 10 {
		t.Fatalf("pronote.d.ts: ErrorCode union not found (%d codes)", len(codes))
	}
	return codes
}
