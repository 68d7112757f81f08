package wire

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrValue reports a value that does not parse.
var ErrValue = errors.New("wire: malformed value")

// ParseDate reads the date formats PRONOTE sends (§9.4), as naive local school time (UTC
// location, never converted). dd/mm dates take their year from ref's school year.
func ParseDate(s string, ref time.Time) (time.Time, error) {
	return ParseDateFunc(s, func() time.Time { return ref })
}

// ParseDateFunc is ParseDate with the reference day given by a function, called only for a
// date without its year.
func ParseDateFunc(s string, ref func() time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	date, clock, _ := strings.Cut(s, " ")
	d, rest, ok1 := strings.Cut(date, "/")
	mo, y, hasYear := strings.Cut(rest, "/")
	if !ok1 || strings.Contains(y, "/") {
		return time.Time{}, fmt.Errorf("%w: date %q", ErrValue, s)
	}
	day, err1 := strconv.Atoi(d)
	month, err2 := strconv.Atoi(mo)
	var year int
	var err3 error
	if hasYear {
		year, err3 = strconv.Atoi(y)
		if len(y) <= 2 {
			year += 2000
		}
	}
	if err1 != nil || err2 != nil || err3 != nil || day < 1 || day > 31 || month < 1 || month > 12 {
		return time.Time{}, fmt.Errorf("%w: date %q", ErrValue, s)
	}
	if !hasYear {
		year = schoolYearOf(ref(), month)
	}
	h, m, sec, err := parseClock(clock)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: time %q", ErrValue, s)
	}
	t := time.Date(year, time.Month(month), day, h, m, sec, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, fmt.Errorf("%w: date %q", ErrValue, s)
	}
	return t, nil
}

// schoolYearOf returns the calendar year of a month in the school year containing ref
// (a school year runs from August to July).
func schoolYearOf(ref time.Time, month int) int {
	start := ref.Year()
	if ref.Month() < time.August {
		start--
	}
	if month >= int(time.August) {
		return start
	}
	return start + 1
}

// parseClock reads "HH:MM:SS", "H:M:S", "HH:MM", "HHhMM" and "HHMM"; empty is midnight.
func parseClock(s string) (h, m, sec int, err error) {
	if s == "" {
		return 0, 0, 0, nil
	}
	var fields []string
	switch {
	case strings.Contains(s, ":"):
		fields = strings.Split(s, ":")
	case strings.Contains(s, "h"):
		fields = strings.Split(s, "h")
	case len(s) == 4:
		fields = []string{s[:2], s[2:]}
	default:
		return 0, 0, 0, ErrValue
	}
	if len(fields) > 3 {
		return 0, 0, 0, ErrValue
	}
	nums := [3]int{}
	for i, f := range fields {
		if f == "" && i > 0 {
			continue
		}
		if nums[i], err = strconv.Atoi(f); err != nil || nums[i] < 0 {
			return 0, 0, 0, ErrValue
		}
	}
	if nums[0] > 23 || nums[1] > 59 || nums[2] > 59 {
		return 0, 0, 0, ErrValue
	}
	return nums[0], nums[1], nums[2], nil
}

// ParseHour reads an hour label such as "08h30" into minutes since midnight.
func ParseHour(s string) (int, error) {
	h, m, _, err := parseClock(strings.TrimSpace(s))
	return h*60 + m, err
}

// FormatDate writes a date as "dd/mm/yyyy", the form PRONOTE sends for days.
func FormatDate(t time.Time) string { return t.Format("02/01/2006") }

// FormatDateTime writes "dd/mm/yyyy HH:MM:SS" zero-padded (§9.4).
func FormatDateTime(t time.Time) string { return t.Format("02/01/2006 15:04:05") }

// MaxWeek is the last week number of a school year: weeks run from 1 (the week of
// PremierLundi) to 62 at most, so a week set (domaine) holds at most 62 weeks. The client
// checks its queries against it and the fake server refuses more with G 21.
const MaxWeek = 62

// WeekNumber is 1 + whole calendar weeks between firstMonday and t, at least 1 (§9.4).
func WeekNumber(firstMonday, t time.Time) int {
	days := civilDays(t) - civilDays(firstMonday)
	if days < 0 {
		return 1
	}
	return 1 + days/7
}

// MondayOfWeek is the inverse of WeekNumber: the Monday of week w.
func MondayOfWeek(firstMonday time.Time, w int) time.Time {
	d := time.Date(firstMonday.Year(), firstMonday.Month(), firstMonday.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, 7*(w-1))
}

func civilDays(t time.Time) int {
	return int(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDomain reads a set "[1,3..5]" (§9.3).
func ParseDomain(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("%w: domain %q", ErrValue, s)
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	if body == "" {
		return nil, nil
	}
	seen := map[int]bool{}
	for _, part := range strings.Split(body, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "..")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil {
			return nil, fmt.Errorf("%w: domain %q", ErrValue, s)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a || b-a > 10000 {
				return nil, fmt.Errorf("%w: domain %q", ErrValue, s)
			}
		}
		for i := a; i <= b; i++ {
			seen[i] = true
		}
	}
	out := make([]int, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Ints(out)
	return out, nil
}

// FormatDomain writes a set sorted, with consecutive runs as ranges: [1,3,4,6] → "[1,3..4,6]".
func FormatDomain(vals []int) string {
	v := append([]int(nil), vals...)
	sort.Ints(v)
	var parts []string
	for i := 0; i < len(v); {
		j := i
		for j+1 < len(v) && v[j+1] <= v[j]+1 {
			j++
		}
		if v[j] == v[i] {
			parts = append(parts, strconv.Itoa(v[i]))
		} else {
			parts = append(parts, strconv.Itoa(v[i])+".."+strconv.Itoa(v[j]))
		}
		i = j + 1
	}
	return "[" + strings.Join(parts, ",") + "]"
}
