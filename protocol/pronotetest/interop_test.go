package pronotetest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pawnoteResult is the JSON line printed by interop/pawnote.mjs.
type pawnoteResult struct {
	OK       bool     `json:"ok"`
	Error    string   `json:"error"`
	User     string   `json:"user"`
	Resource string   `json:"resource"`
	Lessons  int      `json:"lessons"`
	Grades   int      `json:"grades"`
	Calls    []string `json:"calls"`

	// Messaging is what --messaging read and wrote (interop/pawnote.mjs, newsAndMessaging).
	Messaging *struct {
		News        int    `json:"news"`
		FirstRead   []bool `json:"firstRead"`   // before and after newsRead
		Discussions int    `json:"discussions"` // of the account
		Messages    []int  `json:"messages"`    // of the first discussion, before and after a reply
		Teachers    int    `json:"teachers"`
	} `json:"messaging"`

	// SchoolLife counts what pawnote read of attendance, menus and evaluations.
	SchoolLife map[string]int `json:"schoolLife"`
	More       *pawnoteMore   `json:"more"` // with --more (interop_more_test.go)
}

// TestPawnoteInterop logs an independent client, pawnote 1.6.2 (npm), into the fake server for
// each profile and reads the timetable and grades (then news and messaging, with a news item
// marked read and a reply written): 2023, 2024.3.9 and 2025 must work for the
// student and the parent; 2026 must fail (pawnote reads neither the 2026 markup nor the direct
// challenge). It needs node and node_modules/pawnote (./build.sh installs both).
func TestPawnoteInterop(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no os/exec under GOOS=js: the pawnote interop runs natively only")
	}
	// build.sh sets PRONOTE_REQUIRE_INTEROP=1 after installing node and pawnote: there a
	// missing tool is a failure, not a skip, so CI cannot pass without the interop.
	skip := t.Skip
	if os.Getenv("PRONOTE_REQUIRE_INTEROP") == "1" {
		skip = t.Fatal
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed: skipping the pawnote interop")
	}
	root, ok := repoRoot()
	if !ok {
		skip("node_modules/pawnote is missing (run ./build.sh test or npm install): skipping the pawnote interop")
	}
	script := filepath.Join(root, "protocol", "pronotetest", "interop", "pawnote.mjs")
	onload2026 := Profile2026
	onload2026.Name, onload2026.Markup = "2026-onload", MarkupOnload
	tests := []struct {
		name    string
		opts    Options
		kind    string
		child   int
		wantErr string // "" for success
	}{
		{"2023/student", Options{Profile: Profile2023, Encrypt: true, Compress: true, LegacyRSA: true}, "student", 0, ""},
		{"2024.3.9/student", Options{Profile: Profile2024, Encrypt: true}, "student", 0, ""},
		{"2025/student", Options{Profile: Profile2025, Compress: true}, "student", 0, ""},
		{"2023/parent", Options{Profile: Profile2023, AllowMissingMember: true}, "parent", 0, ""},
		{"2024.3.9/parent", Options{Profile: Profile2024, Encrypt: true, Compress: true, AllowMissingMember: true}, "parent", 1, ""},
		{"2025/parent", Options{Profile: Profile2025, Encrypt: true, Compress: true, AllowMissingMember: true}, "parent", 0, ""},
		{"2025/parent without membre is refused", Options{Profile: Profile2025}, "parent", 0, "AccessDeniedError"},
		{"2026/student", Options{Profile: Profile2026, Encrypt: true}, "student", 0, "PageUnavailableError"},
		{"2026 challenge with the old markup", Options{Profile: onload2026}, "student", 0, "BadCredentialsError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startServer(t, tc.opts)
			res := runPawnote(t, node, script, srv, tc.kind, tc.child)
			checkPawnote(t, res, tc.kind, tc.child, tc.wantErr)
		})
	}
}

func runPawnote(t *testing.T, node, script string, srv *Server, kind string, child int, extra ...string) pawnoteResult {
	t.Helper()
	user, pass := StudentUsername, StudentPassword
	if kind == "parent" {
		user, pass = ParentUsername, ParentPassword
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append([]string{script, "--url", srv.URL + "eleve.html", "--username", user,
		"--password", pass, "--kind", kind, "--child", strconv.Itoa(child),
		"--from", "2026-11-23", "--to", "2026-11-27", "--timeout", "50", "--messaging"}, extra...)
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = filepath.Dir(script)
	out, _ := cmd.Output() // exit 1 is an expected outcome; the JSON line says what happened
	var res pawnoteResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pawnote printed no result line (%v): %.300s", err, out)
	}
	if strings.Contains(string(out), pass) {
		t.Error("the password appears in pawnote's output")
	}
	return res
}

func checkPawnote(t *testing.T, res pawnoteResult, kind string, child int, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if res.OK || !strings.HasPrefix(res.Error, wantErr) {
			t.Fatalf("want %s, got ok=%v error %q (calls %v)", wantErr, res.OK, res.Error, res.Calls)
		}
		return
	}
	if !res.OK {
		t.Fatalf("pawnote failed: %s (calls %v)", res.Error, res.Calls)
	}
	st := StudentLea
	if kind == "parent" && child == 1 {
		st = StudentHugo
	}
	d := NewDemo(testNow)
	lessons := len(d.Lessons(st, day(2026, 11, 23), day(2026, 11, 27)))
	grades := len(d.Grades(st, "periode-t1").Grades)
	if res.Lessons != lessons || res.Grades != grades || lessons == 0 || grades == 0 {
		t.Errorf("%d lessons, %d grades; want %d, %d", res.Lessons, res.Grades, lessons, grades)
	}
	checkPawnoteSchoolLife(t, res, d, st)
	if !strings.Contains(res.Resource, strings.Fields(st.Name)[0]) {
		t.Errorf("resource %q, want %q", res.Resource, st.Name)
	}
	m := res.Messaging
	if m == nil || m.News != 3 || !reflect.DeepEqual(m.FirstRead, []bool{false, true}) || m.Discussions != 3 ||
		!reflect.DeepEqual(m.Messages, []int{2, 3}) || m.Teachers != len(d.TeacherRecipients(st)) {
		t.Errorf("news and messaging through pawnote: %+v", m)
	}
}

// checkPawnoteSchoolLife compares what pawnote read of attendance (Trimestre 1), the menus of
// the week of 2026-11-23 and the evaluations of Trimestre 1 with the dataset.
func checkPawnoteSchoolLife(t *testing.T, res pawnoteResult, d *Demo, st Student) {
	t.Helper()
	t1, _ := d.PeriodByID("periode-t1")
	rec := d.Attendance(st, t1.Start, t1.End)
	want := map[string]int{"absences": len(rec.Absences), "delays": len(rec.Delays), "observations": len(rec.Observations),
		"punishments": 0, "measures": 0, "evaluations": 0, "skills": 0,
		"menuDays": len(d.Menus(day(2026, 11, 23), day(2026, 11, 29)))}
	for _, p := range rec.Punishments {
		if p.Measure {
			want["measures"]++
		} else {
			want["punishments"]++
		}
	}
	for _, e := range d.Evaluations(st, t1.ID) {
		want["evaluations"]++
		want["skills"] += len(e.Skills)
	}
	if !reflect.DeepEqual(res.SchoolLife, want) || want["absences"] == 0 || want["menuDays"] == 0 || want["skills"] == 0 {
		t.Errorf("school life: pawnote read %v, want %v", res.SchoolLife, want)
	}
}

// repoRoot finds the module root that holds node_modules/pawnote.
func repoRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "pawnote", "package.json")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
