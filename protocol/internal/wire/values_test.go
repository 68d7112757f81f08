package wire

import (
	"reflect"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	ref := time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want string
	}{
		{"17/11/2025 13:30:00", "2025-11-17T13:30:00"},
		{"02/09/2024", "2024-09-02T00:00:00"},
		{"2/9/2024 8:5:0", "2024-09-02T08:05:00"},
		{"02/09/24", "2024-09-02T00:00:00"},
		{"02/09/24 08h30", "2024-09-02T08:30:00"},
		{"15/10", "2025-10-15T00:00:00"},
		{"15/03", "2026-03-15T00:00:00"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, ref)
		if err != nil || got.Format("2006-01-02T15:04:05") != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "31/02/2025", "1/13/2025", "aa/bb/cccc", "01/01/2025 25:00:00", "1/2/3/4", "01/01/2025 1:2:3:4"} {
		if _, err := ParseDate(bad, ref); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if m, err := ParseHour("08h30"); err != nil || m != 510 {
		t.Errorf("ParseHour = %d, %v", m, err)
	}
	if m, err := ParseHour("1745"); err != nil || m != 17*60+45 {
		t.Errorf("ParseHour(HHMM) = %d, %v", m, err)
	}
}

// TestWeekNumber checks §10.8.
func TestWeekNumber(t *testing.T) {
	first := time.Date(2024, 9, 2, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]int{"2024-09-02": 1, "2024-09-08": 1, "2024-09-09": 2, "2024-09-10": 2, "2025-01-06": 19, "2024-08-30": 1} {
		d, _ := time.Parse("2006-01-02", in)
		if got := WeekNumber(first, d.Add(23*time.Hour)); got != want {
			t.Errorf("WeekNumber(%s) = %d, want %d", in, got, want)
		}
	}
	if got := MondayOfWeek(first, 19).Format("2006-01-02"); got != "2025-01-06" {
		t.Errorf("MondayOfWeek(19) = %s", got)
	}
}

func TestDomain(t *testing.T) {
	for in, want := range map[string][]int{"[]": nil, "[12]": {12}, "[3..4]": {3, 4}, "[1,3..5]": {1, 3, 4, 5}, "[ 0..3 ]": {0, 1, 2, 3}, "[5,1,1]": {1, 5}} {
		got, err := ParseDomain(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseDomain(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "3", "[a]", "[4..2]", "[1..", "[0..99999]"} {
		if _, err := ParseDomain(bad); err == nil {
			t.Errorf("ParseDomain(%q) accepted", bad)
		}
	}
	if got := FormatDomain([]int{6, 1, 3, 4}); got != "[1,3..4,6]" {
		t.Errorf("FormatDomain = %s", got)
	}
	if FormatDomain(nil) != "[]" {
		t.Error("FormatDomain(nil)")
	}
}

func TestGrades(t *testing.T) {
	tests := []struct {
		in    string
		value float64
		kind  GradeKind
		ok    bool
	}{
		{"15,5", 15.5, GradeValue, true},
		{"20", 20, GradeValue, true},
		{"", 0, GradeNone, false},
		{"??", 0, GradeNone, false},
		{"NaN", 0, GradeNone, false},
		{"|1", 0, GradeAbsent, false},
		{"|2", 0, GradeExempted, false},
		{"|6", 0, GradeAbsentZero, true},
		{"|8", 0, GradeCongratulated, false},
		{"|9", 0, GradeOther, false},
	}
	for _, tt := range tests {
		v, k, ok := ParseGrade(tt.in)
		if v != tt.value || k != tt.kind || ok != tt.ok {
			t.Errorf("ParseGrade(%q) = %v, %q, %v", tt.in, v, k, ok)
		}
	}
	if FormatGrade(12.75) != "12,75" {
		t.Error("FormatGrade")
	}
}
