package pronotetest

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// pawnoteMore is what interop/pawnote.mjs --more reports.
type pawnoteMore struct {
	Resources int `json:"resources"`
	Linked    int `json:"linked"`
	Contents  int `json:"contents"`
	Account   struct {
		City  string `json:"city"`
		Email string `json:"email"`
		INE   string `json:"ine"`
	} `json:"account"`
	ICal *struct {
		Status   int    `json:"status"`
		Type     string `json:"type"`
		Calendar bool   `json:"calendar"`
	} `json:"ical"`
	Marked *struct {
		Done    *bool `json:"done"`
		Changed int   `json:"changed"`
	} `json:"marked"`
	File *struct {
		Name   string `json:"name"`
		Status int    `json:"status"`
		Type   string `json:"type"`
		PDF    bool   `json:"pdf"`
	} `json:"file"`
}

// TestPawnoteInteropMore: pawnote 1.6.2 reads the class book (resourcesFromIntervals), the
// account (PageInfosPerso 49, with its iCal token on 2024+ servers, whose feed it then
// fetches at the address it builds itself), marks an assignment done (SaisieTAFFaitEleve)
// and downloads a file at the FichiersExternes address it encrypts itself, on the profiles it
// supports, for a student and a parent's second child.
func TestPawnoteInteropMore(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no os/exec under GOOS=js: the pawnote interop runs natively only")
	}
	node, err := exec.LookPath("node")
	root, ok := repoRoot()
	if err != nil || !ok {
		t.Skip("node or node_modules/pawnote missing: TestPawnoteInterop says whether that is allowed")
	}
	script := filepath.Join(root, "protocol", "pronotetest", "interop", "pawnote.mjs")
	tests := []struct {
		name  string
		opts  Options
		kind  string
		child int
	}{
		{"2023/student", Options{Profile: Profile2023, Encrypt: true, Compress: true}, "student", 0},
		{"2024.3.9/parent", Options{Profile: Profile2024, Encrypt: true, AllowMissingMember: true}, "parent", 1},
		{"2025/student", Options{Profile: Profile2025, Encrypt: true, Compress: true}, "student", 0},
	}
	d := NewDemo(testNow)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startServer(t, tc.opts)
			res := runPawnote(t, node, script, srv, tc.kind, tc.child, "--more")
			if !res.OK || res.More == nil {
				t.Fatalf("pawnote failed: %s (calls %v)", res.Error, res.Calls)
			}
			m, st := res.More, StudentLea
			if tc.child == 1 {
				st = StudentHugo
			}
			want := d.LessonContents(st, day(2026, 11, 23), day(2026, 11, 27))
			items, linked := 0, 0
			for _, c := range want {
				items += len(c.Items)
				if !c.HomeworkDue.IsZero() {
					linked++
				}
			}
			if m.Resources != len(want) || m.Contents != items || m.Linked != linked || len(want) == 0 {
				t.Errorf("class book: %d entries, %d parts, %d linked; want %d, %d, %d", m.Resources, m.Contents, m.Linked, len(want), items, linked)
			}
			acct := d.Account(st)
			if m.Account.City != acct.City || m.Account.Email != acct.Email || m.Account.INE != acct.INE {
				t.Errorf("account %+v, want %s %q %s", m.Account, acct.City, acct.Email, acct.INE)
			}
			switch {
			case tc.opts.Profile.Name == "2023" && m.ICal != nil:
				t.Errorf("pawnote read an iCal token from a 2023 server: %+v", m.ICal)
			case tc.opts.Profile.Name != "2023" && (m.ICal == nil || m.ICal.Status != 200 || m.ICal.Type != "text/calendar; charset=utf-8" || !m.ICal.Calendar):
				t.Errorf("the iCal feed at pawnote's address: %+v", m.ICal)
			}
			if m.Marked == nil || m.Marked.Done == nil || !*m.Marked.Done || m.Marked.Changed != 1 {
				t.Errorf("assignmentStatus: %+v, want that item done and only it changed", m.Marked)
			}
			if m.File == nil || m.File.Status != 200 || m.File.Type != "application/pdf" || !m.File.PDF {
				t.Errorf("the first file at pawnote's address: %+v", m.File)
			}
		})
	}
}
