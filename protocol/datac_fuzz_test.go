package protocol

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// FuzzDataCDecoders feeds arbitrary reply data to the decoders of lessonContents, account,
// icalURL and teachers: they must never panic, keep their arrays non-nil, and never return
// an iCal or attachment address that is not an absolute http(s) URL.
func FuzzDataCDecoders(f *testing.F) {
	f.Add(`{"ListeCahierDeTextes":{"_T":24,"V":[{"N":"1","cours":{"V":{"N":"2"}},"Matiere":{"V":{"L":"M"}},"Date":{"_T":7,"V":"16/11/2026 09:00:00"},"DateFin":{"V":"16/11/2026 10:00:00"},"dateTAF":{"V":"23/11/2026"},"listeProfesseurs":{"V":[{"L":"P"}]},"listeContenus":{"V":[{"L":"T","descriptif":{"V":"<p>x</p>"},"categorie":{"V":{"G":1,"L":"Cours"}},"ListePieceJointe":{"V":[{"N":"3","L":"a.pdf","G":1},{"L":"l","G":0,"url":"javascript:x"}]}}]}}]}}`)
	f.Add(`{"Informations":{"adresse1":"1 rue","adresse3":" ","codePostal":"75000","eMail":"a@b","indicatifTel":"33","telephonePortable":"0612"},"iCal":{"liste":{"V":[{"paramICal":"a b&c","paramSuppl":"266f"}]}}}`)
	f.Add(`{"liste":{"V":[{"N":"1","L":"M. X","matieres":{"V":[{"L":"Maths"},{"N":"2"}]}}]}}`)
	f.Add(`{"iCal":{"liste":[]},"liste":"x","ListeCahierDeTextes":[{"Date":"x"}]}`)
	root, _ := weburl.Parse("https://school.example/pronote/")
	s := &Session{root: root, now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }}
	s.st.key, s.st.iv, s.st.h = wire.MD5([]byte("k")), wire.IVFrom([]byte("0123456789abcdef")), "123"
	s.acct.school.Version = wire.Version{2025, 2, 6}
	f.Fuzz(func(t *testing.T, text string) {
		data := parseObj([]byte(text))
		if data == nil {
			return
		}
		replies := []obj{data}
		contents, _ := lessonContentsCall.decode(s, LessonContentsQuery{From: "2000-01-01", To: "2100-01-01"}, replies)
		for _, c := range contents {
			if c.Teachers == nil || c.Groups == nil || c.Contents == nil {
				t.Fatalf("nil array in %+v", c)
			}
			for _, part := range c.Contents {
				for _, a := range part.Attachments {
					if a.URL != "" && !strings.HasPrefix(a.URL, "http") {
						t.Fatalf("attachment address %q", a.URL)
					}
				}
			}
		}
		if a, _ := accountCall.decode(s, AccountQuery{}, replies); a == nil || a.Address == nil {
			t.Fatal("account without address array")
		}
		if u, _ := icalCall.decode(s, ICalQuery{}, replies); u != nil {
			if p, err := weburl.Parse(*u); err != nil || p.Host != "school.example" {
				t.Fatalf("iCal address %q", *u)
			}
		}
		teachers, _ := teachersCall.decode(s, TeachersQuery{}, replies)
		if b, _ := json.Marshal(teachers); teachers == nil || strings.Contains(string(b), `"subjects":null`) {
			t.Fatalf("teachers %s", b)
		}
	})
}
