package protocol_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden from what the calls return")

// goldenCall is one typed call as the golden test runs it: a query on the fixed-date dataset
// (testNow), for a student and for each child of a parent.
type goldenCall struct {
	name string
	run  func(ctx context.Context, s *protocol.Session) (any, error)
}

// goldenCalls are the typed calls pinned by golden files: every field and JSON tag the .d.ts
// promises, for every profile. A new typed call adds its line here.
var goldenCalls = []goldenCall{
	{"timetable", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-29"})
	}},
	{"grades", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Grades(ctx, protocol.GradesQuery{})
	}},
	{"homework", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-23", To: "2026-12-06"})
	}},
	// news and messaging (news.go, messaging.go)
	{"news", func(ctx context.Context, s *protocol.Session) (any, error) { return s.News(ctx, protocol.NewsQuery{}) }},
	{"discussions", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Discussions(ctx, protocol.DiscussionsQuery{})
	}},
	{"messages", goldenMessages},
	{"recipients", func(ctx context.Context, s *protocol.Session) (any, error) {
		teachers, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "teachers"})
		if err != nil {
			return nil, err
		}
		staff, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "staff"})
		return map[string]any{"teachers": teachers, "staff": staff}, err
	}},
	// attendance, menus, evaluations, report cards
	{"attendance", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Attendance(ctx, protocol.AttendanceQuery{})
	}},
	{"menus", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Menus(ctx, protocol.MenusQuery{From: "2026-11-23", To: "2026-12-06"})
	}},
	{"evaluations", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Evaluations(ctx, protocol.EvaluationsQuery{})
	}},
	{"reportCard", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.ReportCard(ctx, protocol.ReportCardQuery{})
	}},
	// data-c: lesson contents, account, iCal, teachers
	{"lessonContents", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.LessonContents(ctx, protocol.LessonContentsQuery{From: "2026-11-16", To: "2026-11-24"})
	}},
	{"account", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Account(ctx, protocol.AccountQuery{})
	}},
	{"icalURL", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.ICalURL(ctx, protocol.ICalQuery{})
	}},
	{"teachers", func(ctx context.Context, s *protocol.Session) (any, error) {
		return s.Teachers(ctx, protocol.TeachersQuery{})
	}},
}

// goldenMessages reads the messages of every discussion, by discussion subject.
func goldenMessages(ctx context.Context, s *protocol.Session) (any, error) {
	ds, err := s.Discussions(ctx, protocol.DiscussionsQuery{})
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, d := range ds {
		if out[d.Subject], err = s.Messages(ctx, protocol.MessagesQuery{DiscussionID: d.ID}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// TestGolden compares each typed call's JSON, for the student and each child of the parent,
// on every profile, with testdata/golden/CALL.json. The answers must not depend on the
// profile: one file per call holds every account's answer, and every profile must give it.
// Regenerate with go test ./protocol -run TestGolden -update.
func TestGolden(t *testing.T) {
	for _, c := range goldenCalls {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", "golden", c.name+".json")
			var want []byte
			for _, p := range pronotetest.Profiles() {
				got := goldenAnswers(t, p, c)
				if want == nil && *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if want == nil {
					var err error
					if want, err = os.ReadFile(path); err != nil {
						t.Fatalf("%v (run with -update to create it)", err)
					}
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: the answers differ from %s (run with -update after checking the change)", p.Name, path)
				}
			}
		})
	}
}

// goldenAnswers runs c for the student and each child of the parent on one profile (encrypted
// and compressed) and returns the answers as indented JSON, keyed by account.
func goldenAnswers(t *testing.T, p pronotetest.Profile, c goldenCall) []byte {
	t.Helper()
	srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
	ctx := context.Background()
	answers := map[string]any{}
	student := login(t, srv, "student")
	v, err := c.run(ctx, student)
	if err != nil {
		t.Fatalf("%s student: %v", p.Name, err)
	}
	answers["student"] = v
	parent := login(t, srv, "parent")
	for _, child := range parent.User().Children {
		if err := parent.SelectChild(child.ID); err != nil {
			t.Fatal(err)
		}
		v, err := c.run(ctx, parent)
		if err != nil {
			t.Fatalf("%s parent, %s: %v", p.Name, child.Name, err)
		}
		answers["parent/"+child.Name] = v
	}
	for account, v := range answers {
		sameAsEncodingJSON(t, p.Name+" "+account, v)
	}
	out, err := json.MarshalIndent(answers, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(normalise(out), '\n')
}

// sameAsEncodingJSON checks that MarshalResult, which writes the WebAssembly module's
// results, gives json.Marshal's bytes for v.
func sameAsEncodingJSON(t *testing.T, what string, v any) {
	t.Helper()
	got, err := protocol.MarshalResult(v)
	want, werr := json.Marshal(v)
	if err != nil || werr != nil || !bytes.Equal(got, want) {
		t.Errorf("%s: MarshalResult gives %.300s (%v), json.Marshal %.300s (%v)", what, got, err, want, werr)
	}
}

var (
	goldenID      = regexp.MustCompile(`"\d+#[A-Za-z0-9_-]{43}"`)
	goldenFile    = regexp.MustCompile(`FichiersExternes/[0-9a-f]+/`)
	goldenSession = regexp.MustCompile(`Session=\d+`)
	goldenHost    = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	goldenICal    = regexp.MustCompile(`(icalsecurise|param)=[0-9A-Za-z]+`) // data-c: numbered, like ids
	goldenVersion = regexp.MustCompile(`version=[0-9.]+`)                   // data-c: differs per profile
)

// normalise replaces what differs between two runs of the same answers: the session-scoped
// ids (numbered in order of appearance), the encrypted file ids, session numbers and ports.
func normalise(b []byte) []byte {
	ids := map[string]string{}
	b = goldenID.ReplaceAllFunc(b, func(id []byte) []byte {
		if _, ok := ids[string(id)]; !ok {
			ids[string(id)] = fmt.Sprintf(`"N%d"`, len(ids)+1)
		}
		return []byte(ids[string(id)])
	})
	b = goldenFile.ReplaceAll(b, []byte("FichiersExternes/ID/"))
	b = goldenSession.ReplaceAll(b, []byte("Session=H"))
	secrets := map[string]string{}
	b = goldenICal.ReplaceAllFunc(b, func(m []byte) []byte {
		if _, ok := secrets[string(m)]; !ok {
			secrets[string(m)] = fmt.Sprintf("%s=T%d", bytes.SplitN(m, []byte("="), 2)[0], len(secrets)+1)
		}
		return []byte(secrets[string(m)])
	})
	b = goldenVersion.ReplaceAll(b, []byte("version=V"))
	return goldenHost.ReplaceAll(b, []byte("127.0.0.1:PORT"))
}
