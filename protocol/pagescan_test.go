package protocol

import (
	"log/slog"
	"regexp"
	"strconv"
	"testing"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// The scanners must agree with the regular expressions they replace.
var (
	refStart   = regexp.MustCompile(`Start\s*\(\s*\{`)
	refVersion = regexp.MustCompile(`PRONOTE\s+(\d{4})\.(\d+)\.(\d+)(?:\.(\d+))?`)
)

var scanInputs = []string{
	"", "Start", "Start(", "Start ({h:1})", "Start\n(\t{", "StartStart({", "xStart  (  {a}Start({b}",
	"Start (x{", "PRONOTE 2025.2.6", "PRONOTE  2026.2.5.7 (build)", "PRONOTE2025.1.1", "PRONOTE 25.1.1",
	"PRONOTE 2025.1", "PRONOTE 2025.1.x PRONOTE 2024.3.9", "PRONOTE 20255.1.1", "PRONOTE PRONOTE 2023.0.12",
	"PRONOTE \n2024.3.10.", "PRONOTE 2024..1",
}

func TestStartObjectsMatchesRegexp(t *testing.T) {
	for _, in := range scanInputs {
		var want []int
		for _, loc := range refStart.FindAllStringIndex(in, 16) {
			want = append(want, loc[1]-1)
		}
		if got := startObjects(in, 16); !equalInts(got, want) {
			t.Errorf("startObjects(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestFindVersionMatchesRegexp(t *testing.T) {
	for _, in := range scanInputs {
		var want wire.Version
		m := refVersion.FindStringSubmatch(in)
		for i := range want {
			if m != nil {
				want[i], _ = strconv.Atoi(m[i+1])
			}
		}
		got, ok := findVersion(in)
		if ok != (m != nil) || got != want {
			t.Errorf("findVersion(%q) = %v %v, want %v %v", in, got, ok, want, m != nil)
		}
	}
}

func FuzzPageScanners(f *testing.F) {
	for _, in := range scanInputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var want []int
		for _, loc := range refStart.FindAllStringIndex(in, 16) {
			want = append(want, loc[1]-1)
		}
		if got := startObjects(in, 16); !equalInts(got, want) {
			t.Fatalf("startObjects(%q) = %v, want %v", in, got, want)
		}
		m := refVersion.FindStringSubmatch(in)
		if _, ok := findVersion(in); ok != (m != nil) {
			t.Fatalf("findVersion(%q) found=%v, regexp found=%v", in, ok, m != nil)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A *slog.Logger is a Logger, so callers keep passing one.
var _ Logger = slog.New(slog.DiscardHandler)
