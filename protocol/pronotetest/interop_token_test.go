package pronotetest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// pawnoteLogin is the part of pawnote.mjs's result line the token and QR runs check.
type pawnoteLogin struct {
	pawnoteResult
	GotToken bool `json:"gotToken"`
	NewToken bool `json:"newToken"`
}

// TestPawnoteTokenAndQR logs pawnote 1.6.2 into the fake server with a token and with a QR
// code, on the profiles pawnote speaks (2023, 2024.3.9, 2025): each login must work, read the
// timetable and grades, and rotate the token server side (the old one no longer works).
func TestPawnoteTokenAndQR(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no os/exec under GOOS=js: the pawnote interop runs natively only")
	}
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
	const uuid = "pronotetest-interop-device"
	for _, p := range []Profile{Profile2023, Profile2024, Profile2025} {
		for _, kind := range []string{"student", "parent"} {
			t.Run(p.Name+"/"+kind, func(t *testing.T) {
				t.Parallel()
				srv := startServer(t, Options{Profile: p, Encrypt: true, Compress: p.Name != "2024.3.9", AllowMissingMember: true})
				user, _ := accountOf(kind)
				srv.mu.Lock()
				token := srv.issueToken(findAccount(user, kind), uuid)
				srv.mu.Unlock()
				res := runPawnoteMode(t, node, script, "--mode", "token", "--url", srv.SpaceURL(kind), "--username", user,
					"--token", token, "--kind", kind, "--uuid", uuid)
				checkPawnote(t, res.pawnoteResult, kind, 0, "")
				if strings.Contains(res.Error+res.User, token) {
					t.Error("the token appears in pawnote's result")
				}
				srv.mu.Lock()
				rotated := srv.tokens[user+"\x00"+uuid] != token
				srv.mu.Unlock()
				if !res.NewToken || !rotated {
					t.Errorf("token login: pawnote got a new token %v, the server rotated it %v", res.NewToken, rotated)
				}

				srv.Reset() // the messaging run writes (a reply): start the next one from the dataset
				qr, _ := srv.QRCode(kind, user, "1234")
				res = runPawnoteMode(t, node, script, "--mode", "qr", "--qr", qr, "--pin", "1234", "--kind", kind, "--uuid", uuid)
				checkPawnote(t, res.pawnoteResult, kind, 0, "")
				if !res.GotToken {
					t.Error("QR login: no token")
				}
			})
		}
	}
}

func accountOf(kind string) (string, string) {
	if kind == "parent" {
		return ParentUsername, ParentPassword
	}
	return StudentUsername, StudentPassword
}

func runPawnoteMode(t *testing.T, node, script string, args ...string) pawnoteLogin {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args = append([]string{script}, append(args, "--from", "2026-11-23", "--to", "2026-11-27", "--timeout", "50", "--messaging")...)
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = filepath.Dir(script)
	out, _ := cmd.Output()
	var res pawnoteLogin
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pawnote printed no result line (%v)", err)
	}
	return res
}
