package wire

import (
	"math"
	"strconv"
	"strings"
)

// GradeKind says what a grade value means (§9.5).
type GradeKind string

// The grade kinds. Special values are written "|n" on the wire.
const (
	GradeNone          GradeKind = ""            // empty or unparsable: no value
	GradeValue         GradeKind = "grade"       // a number
	GradeAbsent        GradeKind = "absent"      // |1
	GradeExempted      GradeKind = "exempted"    // |2
	GradeNotGraded     GradeKind = "notGraded"   // |3
	GradeUnfit         GradeKind = "unfit"       // |4
	GradeNotReturned   GradeKind = "notReturned" // |5
	GradeAbsentZero    GradeKind = "absentZero"  // |6, counts as 0
	GradeNotReturnedZ  GradeKind = "notReturnedZero"
	GradeCongratulated GradeKind = "congratulations" // |8
	GradeOther         GradeKind = "other"           // any other |n
)

var specialGrades = map[string]GradeKind{
	"1": GradeAbsent, "2": GradeExempted, "3": GradeNotGraded, "4": GradeUnfit,
	"5": GradeNotReturned, "6": GradeAbsentZero, "7": GradeNotReturnedZ, "8": GradeCongratulated,
}

// ParseGrade reads a grade string: "15,5" → (15.5, grade); "|1" → (0, absent); "" or "??" →
// (0, none). Kinds that count as zero return value 0 with ok true.
func ParseGrade(s string) (value float64, kind GradeKind, ok bool) {
	s = strings.TrimSpace(s)
	if code, special := strings.CutPrefix(s, "|"); special {
		k, known := specialGrades[code]
		if !known {
			return 0, GradeOther, false
		}
		return 0, k, k == GradeAbsentZero || k == GradeNotReturnedZ
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || s == "" || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, GradeNone, false
	}
	return v, GradeValue, true
}

// FormatGrade writes a number with a decimal comma, as PRONOTE does.
func FormatGrade(v float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(v, 'f', -1, 64), ".", ",")
}
