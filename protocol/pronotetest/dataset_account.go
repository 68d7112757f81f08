package pronotetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// AccountDetails is what PageInfosPerso (onglet 49) tells about a pupil (Informations).
type AccountDetails struct {
	Address     [4]string // adresse1..4
	PostalCode  string
	City        string
	Province    string
	Country     string
	Email       string
	PhoneCode   string // indicatifTel
	MobilePhone string // telephonePortable
	INE         string // numeroINE
}

// Account returns a pupil's contact details: Léa has an e-mail address and a mobile number,
// Hugo neither; both live at the family's two-line address.
func (d *Demo) Account(st Student) AccountDetails {
	a := AccountDetails{
		Address:    [4]string{"12 rue des Lilas", "Bâtiment B", "", ""},
		PostalCode: "75011", City: "PARIS", Country: "France",
	}
	switch st.ID {
	case StudentLea.ID:
		a.Email, a.PhoneCode, a.MobilePhone, a.INE = "lea.martin@example.org", "33", "06 12 34 56 78", "070123456AB"
	default:
		a.INE = "090654321CD"
	}
	return a
}

// TeamMember is a teacher of the pupil's class as PageEquipePedagogique lists it.
type TeamMember struct {
	Name     string
	Subjects []TeamSubject
}

// TeamSubject is a subject a team member teaches the class, with its weekly hours.
type TeamSubject struct {
	ID    string
	Name  string
	Hours string // volumeHoraire, "3h00"
}

// Teachers returns the teachers of a pupil's class, in the order of the class's subjects.
// The first one (the class's mathematics teacher) is also the class tutor and teaches "Heure
// de vie de classe" too.
func (d *Demo) Teachers(st Student) []TeamMember {
	plan := plans[st.Class]
	places := map[string]int{}
	for _, p := range plan.week {
		places[p.subject] += p.dur
	}
	var out []TeamMember
	index := map[string]int{}
	for _, sub := range plan.subjects {
		ts := TeamSubject{ID: sub.ID, Name: sub.Name, Hours: fmt.Sprintf("%dh%02d", places[sub.ID]/PlacesParHeure, places[sub.ID]%PlacesParHeure*60/PlacesParHeure)}
		i, ok := index[sub.Teacher]
		if !ok {
			i, index[sub.Teacher] = len(out), len(out)
			out = append(out, TeamMember{Name: sub.Teacher})
		}
		out[i].Subjects = append(out[i].Subjects, ts)
	}
	if len(out) > 0 {
		out[0].Subjects = append(out[0].Subjects, TeamSubject{ID: "mat-hvc", Name: "Heure de vie de classe", Hours: "0h30"})
	}
	return out
}

// ICalToken is the paramICal of a pupil's timetable feed: stable for the server's lifetime and
// beyond, like the real one, which calendar applications keep.
func ICalToken(st Student) string {
	sum := sha256.Sum256([]byte("pronotetest ical " + st.ID))
	return hex.EncodeToString(sum[:12])
}

// ICalParam is the paramSuppl sent with every feed: the hex of extra query options ("&o=2"),
// the value an independent client (pawnote 1.6.2) sends to real servers as a constant.
var ICalParam = hex.EncodeToString([]byte("&o=2"))
