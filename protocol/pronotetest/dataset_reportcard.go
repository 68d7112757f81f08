package pronotetest

import (
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// ReportCard is a period's report card (PageBulletins), or the state of one not published.
type ReportCard struct {
	Published bool
	Started   bool // the period has begun: an unpublished card then carries a Message
	Council   time.Time
	Subjects  []ReportLine
	Comments  []ReportComment
}

// ReportLine is one subject of a report card: its averages out of 20 (wire form, "" for none).
type ReportLine struct {
	Subject              Subject
	Coefficient          float64
	Student, Class       string
	Min, Max             string
	Comment              string
	GroupTeachersElement bool // teachers listed under ListeElements rather than ListeProfesseurs
}

// ReportComment is a general comment; Text may be empty (a box nobody filled in).
type ReportComment struct {
	Title, Text string
}

// councilOffset is when each class's council meets, from its period's last day: 3ème B's ten
// days before, 6ème A's three days after.
var councilOffset = map[string]int{StudentLea.Class: -10, StudentHugo.Class: 3}

// ReportCard returns a student's report card for a period: published once the class council
// has met (on or before the anchor), with each subject's averages as they stood that day. At
// the anchor 2026-11-23, Léa's Trimestre 1 card is published (council 2026-11-20) and Hugo's
// is not (council 2026-12-03); later periods are not published for anyone.
func (d *Demo) ReportCard(st Student, periodID string) ReportCard {
	p, ok := d.PeriodByID(periodID)
	if !ok {
		return ReportCard{}
	}
	rc := ReportCard{Council: p.End.AddDate(0, 0, councilOffset[st.Class]), Started: !p.Start.After(d.Now)}
	if rc.Council.After(d.Now) {
		return rc
	}
	rc.Published = true
	then := *d
	then.Now = rc.Council
	rep := then.Grades(st, p.ID)
	for _, a := range rep.Averages {
		line := ReportLine{Subject: a.Subject, Coefficient: 1, Student: a.Student, Class: a.Class, Min: a.Min, Max: a.Max,
			Comment: subjectComment(a.Student), GroupTeachersElement: a.Subject.ID == "mat-anglais"}
		if a.Subject.ID == "mat-maths" || a.Subject.ID == "mat-francais" {
			line.Coefficient = 2
		}
		rc.Subjects = append(rc.Subjects, line)
	}
	overall, _, _ := wire.ParseGrade(rep.Overall)
	rc.Comments = []ReportComment{
		{"Appréciation générale", subjectComment(rep.Overall)},
		{"Appréciation du CPE", ""},
		{"Mention", mention(overall)},
	}
	return rc
}

func subjectComment(avg string) string {
	v, kind, _ := wire.ParseGrade(avg)
	switch {
	case kind != wire.GradeValue:
		return ""
	case v >= 15:
		return "Excellent trimestre, continuez ainsi."
	case v >= 12:
		return "Bon travail, des résultats satisfaisants."
	case v >= 10:
		return "Résultats corrects, il faut approfondir."
	}
	return "Des difficultés : il faut travailler plus régulièrement."
}

func mention(overall float64) string {
	switch {
	case overall >= 16:
		return "Félicitations"
	case overall >= 14:
		return "Compliments"
	case overall >= 12:
		return "Encouragements"
	}
	return ""
}
