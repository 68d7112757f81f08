package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// The tests run the command itself: the test binary re-executes itself as pronote when
// PRONOTE_CLI_MAIN is set, with its own arguments, environment, stdin and exit status.
func TestMain(m *testing.M) {
	if os.Getenv("PRONOTE_CLI_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func fakeSchool(t *testing.T, o pronotetest.Options) *pronotetest.Server {
	t.Helper()
	o.Now = func() time.Time { return testNow }
	srv := pronotetest.NewServer(o)
	t.Cleanup(srv.Close)
	return srv
}

// pronote runs the command with PRONOTE_PASSWORD set to password ("" for none) and stdin
// from /dev/null; it returns stdout, stderr and the exit status.
func pronote(t *testing.T, password string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PRONOTE_CLI_MAIN=1", "PRONOTE_PASSWORD="+password, "PRONOTE_URL=", "PRONOTE_USER=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	if strings.Contains(out.String()+errOut.String(), pronotetest.StudentPassword) && password != "" {
		t.Errorf("the password appears in the output of %v", args)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

func student(srv *pronotetest.Server, args ...string) []string {
	return append([]string{"-url", srv.SpaceURL("student"), "-user", pronotetest.StudentUsername}, args...)
}

// TestCalls runs every call against the fake school and checks the JSON it prints.
func TestCalls(t *testing.T) {
	srv := fakeSchool(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	pw := pronotetest.StudentPassword
	tests := []struct {
		args  []string
		check func(v any) bool
	}{
		{[]string{"user"}, func(v any) bool { return field(v, "user", "name") == "MARTIN Léa" }},
		{[]string{"timetable", "--from", "2026-11-23", "--to", "2026-11-27"}, func(v any) bool {
			return len(v.([]any)) > 20 && field(v.([]any)[0], "memo") == "Apporter la calculatrice."
		}},
		{[]string{"timetable", "--week", "12"}, func(v any) bool { return len(v.([]any)) > 20 }},
		{[]string{"grades", "--period", "Trimestre 1"}, func(v any) bool { return len(field(v, "grades").([]any)) == 30 }},
		{[]string{"grades"}, func(v any) bool { return field(v, "period", "name") == "Trimestre 1" }},
		{[]string{"homework", "--from", "2026-11-23", "--to", "2026-11-29"}, func(v any) bool { return len(v.([]any)) > 5 }},
		{[]string{"lessonContents", "--from", "2026-11-16", "--to", "2026-11-20"}, func(v any) bool { return len(v.([]any)) >= 20 }},
		{[]string{"account"}, func(v any) bool { return field(v, "phone") == "+33612345678" }},
		{[]string{"icalURL"}, func(v any) bool { return strings.HasPrefix(v.(string), srv.URL+"ical/") }},
		{[]string{"teachers"}, func(v any) bool { return field(v.([]any)[0], "name") == "M. DUPONT" }},
		{[]string{"download", "--from", "2026-11-23", "--name", "exercices.pdf"}, func(v any) bool {
			return field(v, "type") == "application/pdf" && strings.HasPrefix(field(v, "bytes").(string), "JVBERi0") // %PDF-
		}},
	}
	for _, tt := range tests {
		t.Run(tt.args[0], func(t *testing.T) {
			stdout, stderr, code := pronote(t, pw, student(srv, tt.args...)...)
			var v any
			if code != 0 || json.Unmarshal([]byte(stdout), &v) != nil || !tt.check(v) {
				t.Errorf("%v: exit %d, stderr %q, stdout %.300s", tt.args, code, stderr, redact(stdout))
			}
		})
	}
}

// redact hides the session numbers and iCal tokens of addresses, for failure messages.
func redact(s string) string {
	return regexp.MustCompile(`(Session|icalsecurise)=[^&"\s]+`).ReplaceAllString(s, "$1=…")
}

// field walks objects by key; nil when a key is missing.
func field(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// TestWritesAndFiles: setHomeworkDone marks the one item it names, for the child chosen by
// name; download -o writes the bytes.
func TestWritesAndFiles(t *testing.T) {
	srv := fakeSchool(t, pronotetest.Options{Profile: pronotetest.Profile2023})
	parent := func(args ...string) []string {
		return append([]string{"-url", srv.SpaceURL("parent"), "-user", pronotetest.ParentUsername, "-child", "Hugo"}, args...)
	}
	pw := pronotetest.ParentPassword
	week := []string{"homework", "--from", "2026-11-23", "--to", "2026-11-29"}
	before, _, _ := pronote(t, pw, parent(week...)...)
	var items []map[string]any
	if json.Unmarshal([]byte(before), &items) != nil || len(items) == 0 {
		t.Fatalf("Hugo's homework: %s", before)
	}
	pick := -1
	for i, it := range items {
		if it["done"] == false && pick < 0 {
			pick = i
		}
	}
	if pick < 0 {
		t.Fatal("all of Hugo's homework is done this week: the test would prove nothing")
	}
	it := items[pick]
	stdout, stderr, code := pronote(t, pw, parent("setHomeworkDone", "--due", it["due"].(string), "--subject", it["subject"].(string),
		"--text", it["text"].(string)[:8], "--done")...)
	if code != 0 || !strings.Contains(stdout, `"done": true`) {
		t.Fatalf("setHomeworkDone: exit %d, %s%s", code, redact(stdout), stderr)
	}
	after, _, _ := pronote(t, pw, parent(week...)...)
	var now []map[string]any
	json.Unmarshal([]byte(after), &now)
	if len(now) != len(items) {
		t.Fatalf("%d items after, %d before", len(now), len(items))
	}
	for i := range items {
		if want := items[i]["done"] == true || i == pick; now[i]["done"] != want {
			t.Errorf("item %d (%s): done %v, want %v", i, items[i]["subject"], now[i]["done"], want)
		}
	}
	lea, _, _ := pronote(t, pw, append([]string{"-url", srv.SpaceURL("parent"), "-user", pronotetest.ParentUsername, "-child", "Léa"}, week...)...)
	if lea == after {
		t.Error("-child Léa answers Hugo's homework")
	}

	file := filepath.Join(t.TempDir(), "cours.pdf")
	stdout, stderr, code = pronote(t, pw, parent("download", "--from", "2026-11-17", "--name", "cours.pdf", "-o", file)...)
	body, err := os.ReadFile(file)
	if code != 0 || err != nil || !bytes.HasPrefix(body, []byte("%PDF-1.4")) || !strings.Contains(stdout, `"size": `) {
		t.Errorf("download -o: exit %d, %s%s, file %v", code, redact(stdout), stderr, err)
	}
}

// TestRefusals: the exit status and message of each kind of failure; no password flag.
func TestRefusals(t *testing.T) {
	srv := fakeSchool(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	pw := pronotetest.StudentPassword
	tests := []struct {
		name     string
		password string
		args     []string
		code     int
		says     string
	}{
		{"no call", pw, student(srv), 2, "Usage: pronote"},
		{"unknown call", pw, student(srv, "bulletin"), 2, `unknown call "bulletin"`},
		{"a password flag", pw, append(student(srv), "-password", "x", "account"), 2, "-password"},
		{"no password", "", student(srv, "account"), 2, "PRONOTE_PASSWORD"},
		{"wrong password", "wrong", student(srv, "account"), 1, "[BAD_CREDENTIALS]"},
		{"bad date", pw, student(srv, "homework", "--from", "23/11/2026"), 2, "invalid argument from"},
		{"missing done", pw, student(srv, "setHomeworkDone", "--due", "2026-11-24", "--subject", "Français"), 2, "--done"},
		{"no such child", pronotetest.ParentPassword, []string{"-url", srv.SpaceURL("parent"), "-user", pronotetest.ParentUsername, "-child", "Zoé", "account"}, 2, "-child"},
		{"a link that is not http(s)", pw, student(srv, "download", "--kind", "link", "--url", "javascript:alert(1)"), 2, "[INVALID_ARGUMENT]"},
		{"an unknown flag", pw, student(srv, "account", "--all"), 2, "-all"},
		{"no url", pw, []string{"-user", "x", "account"}, 2, "-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := pronote(t, tt.password, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.says) || stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want exit %d saying %q", code, stderr, redact(stdout), tt.code, tt.says)
			}
		})
	}
	stdout, stderr, code := pronote(t, "", "--help")
	for _, c := range append([]string{"user"}, names()...) {
		if !strings.Contains(stderr, "\n  "+c+" ") {
			t.Errorf("--help does not list %s", c)
		}
	}
	if code != 0 || stdout != "" {
		t.Errorf("--help: exit %d, stdout %q", code, stdout)
	}
}

func names() []string {
	var out []string
	for _, c := range commands {
		out = append(out, c.name)
	}
	return out
}

// TestRemember: -remember keeps a token (never the password) readable by the user only, the
// next run logs in with it and no password, every rotation is written, a refused token is
// forgotten without a password login of its own, and -forget drops it.
func TestRemember(t *testing.T) {
	srv := fakeSchool(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	file := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "pronote", "tokens.json")
	if _, stderr, code := pronote(t, pronotetest.StudentPassword, student(srv, "-remember", "user")...); code != 0 {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	kept := func() string {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), pronotetest.StudentPassword) {
			t.Fatal("the password is in the token file")
		}
		return string(b)
	}
	first := kept()
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, %v; want 0600", st.Mode(), err)
	}
	logins := srv.Logins()
	out, stderr, code := pronote(t, "", student(srv, "-remember", "user")...)
	if code != 0 || !strings.Contains(out, `"user"`) {
		t.Fatalf("second run without a password: %d %s", code, stderr)
	}
	if srv.Logins() != logins+1 {
		t.Errorf("%d logins for the second run, want 1", srv.Logins()-logins)
	}
	if kept() == first {
		t.Error("the rotated token was not written")
	}
	// A token the server no longer knows: refused, forgotten, and no password login follows.
	os.WriteFile(file, []byte(strings.Replace(kept(), `"token": "`, `"token": "stale`, 1)), 0o600)
	logins, auths := srv.Logins(), srv.Count("Authentification")
	if _, stderr, code := pronote(t, pronotetest.StudentPassword, student(srv, "-remember", "user")...); code != 1 || !strings.Contains(stderr, "forgotten") {
		t.Errorf("a refused token: %d %s", code, stderr)
	}
	if srv.Logins() != logins || srv.Count("Authentification") != auths+1 {
		t.Errorf("after a refused token: %d logins, %d Authentification; want 0 and 1",
			srv.Logins()-logins, srv.Count("Authentification")-auths)
	}
	if strings.Contains(kept(), "stale") {
		t.Error("the refused token is still kept")
	}
	if _, stderr, code := pronote(t, pronotetest.StudentPassword, student(srv, "-remember", "user")...); code != 0 {
		t.Fatalf("logging in again with the password: %d %s", code, stderr)
	}
	if _, stderr, code := pronote(t, pronotetest.StudentPassword, student(srv, "-forget", "user")...); code != 0 {
		t.Fatalf("-forget: %d %s", code, stderr)
	}
	if strings.Contains(kept(), "token\": \"") {
		t.Error("-forget kept the token")
	}
}
