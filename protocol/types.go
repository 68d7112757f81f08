package protocol

// Date is a calendar date "YYYY-MM-DD"; DateTime is "YYYY-MM-DDTHH:MM:SS" in the school's local
// time. PRONOTE sends naive local times and no offset is invented.
type (
	Date     = string
	DateTime = string
)

// Kind is the kind of account a space page serves.
type Kind string

// The account kinds, inferred from the space page name (§2.1).
const (
	KindStudent    Kind = "student"
	KindParent     Kind = "parent"
	KindTeacher    Kind = "teacher"
	KindStaff      Kind = "staff"      // vie scolaire
	KindManagement Kind = "management" // direction
	KindCompanion  Kind = "companion"  // accompagnant
	KindCompany    Kind = "company"    // entreprise
	KindOther      Kind = "other"
)

// User is the logged-in account (§6.10).
type User struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Kind          Kind    `json:"kind"`
	Establishment string  `json:"establishment,omitempty"`
	ClassName     string  `json:"className,omitempty"`
	Children      []Child `json:"children,omitempty"` // parent accounts
}

// Child is a student a parent account follows.
type Child struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	ClassName     string `json:"className,omitempty"`
	Establishment string `json:"establishment,omitempty"`
}

// Period is a grading period (trimester, semester, year).
type Period struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Kind  string `json:"kind"` // "trimester", "semester", "year" or "other"
	Start Date   `json:"start,omitempty"`
	End   Date   `json:"end,omitempty"`
}

// Lesson is one entry of the timetable (§8.3).
type Lesson struct {
	ID        string   `json:"id"`
	Subject   string   `json:"subject,omitempty"`
	Teachers  []string `json:"teachers"` // arrays are always present, possibly empty
	Rooms     []string `json:"rooms"`
	Groups    []string `json:"groups"`
	Start     DateTime `json:"start"`
	End       DateTime `json:"end"`
	Status    string   `json:"status,omitempty"` // PRONOTE's status text, e.g. "Prof. absent"
	Cancelled bool     `json:"cancelled"`
	Exempted  bool     `json:"exempted,omitempty"`
	Color     string   `json:"color,omitempty"` // "#RRGGBB"
	Memo      string   `json:"memo,omitempty"`
}

// GradeKind says what a grade value means: "grade" for a number, or "absent", "exempted",
// "notGraded", "unfit", "notReturned", "absentZero", "notReturnedZero", "congratulations",
// "other"; "" where no value was given.
type GradeKind = string

// Mark is a number with its kind. Value is meaningful for "grade" and the zero-counting kinds.
type Mark struct {
	Value *float64  `json:"value"`
	Kind  GradeKind `json:"kind"`
}

// Grade is one assessment result (§8.3).
type Grade struct {
	ID           string  `json:"id"`
	Subject      string  `json:"subject"`
	Date         Date    `json:"date"`
	Grade        Mark    `json:"grade"`
	OutOf        float64 `json:"outOf"`
	DefaultOutOf float64 `json:"defaultOutOf,omitempty"`
	Coefficient  float64 `json:"coefficient"`
	ClassAverage *Mark   `json:"classAverage,omitempty"`
	Min          *Mark   `json:"min,omitempty"`
	Max          *Mark   `json:"max,omitempty"`
	Comment      string  `json:"comment,omitempty"`
	Bonus        bool    `json:"bonus,omitempty"`
	Optional     bool    `json:"optional,omitempty"`
}

// SubjectAverage is a subject's averages over the period.
type SubjectAverage struct {
	ID           string  `json:"id"`
	Subject      string  `json:"subject"`
	Color        string  `json:"color,omitempty"`
	Student      *Mark   `json:"student,omitempty"`
	OutOf        float64 `json:"outOf,omitempty"`
	ClassAverage *Mark   `json:"classAverage,omitempty"`
	Min          *Mark   `json:"min,omitempty"`
	Max          *Mark   `json:"max,omitempty"`
}

// Grades is a period's grades and averages.
type Grades struct {
	Period       Period           `json:"period"`
	Grades       []Grade          `json:"grades"`
	Averages     []SubjectAverage `json:"averages"`
	Overall      *Mark            `json:"overall,omitempty"`
	ClassOverall *Mark            `json:"classOverall,omitempty"`
	OverallOutOf float64          `json:"overallOutOf,omitempty"`
}

// Homework is one piece of work to do (§8.3).
type Homework struct {
	ID          string       `json:"id"`
	Subject     string       `json:"subject"`
	Due         Date         `json:"due"`
	Given       Date         `json:"given,omitempty"`
	HTML        string       `json:"html"` // PRONOTE's HTML as sent: sanitise before display
	Text        string       `json:"text"`
	Done        bool         `json:"done"`
	Color       string       `json:"color,omitempty"`
	Attachments []Attachment `json:"attachments"` // always present, possibly empty
}

// Attachment is a file or link attached to homework or a lesson.
type Attachment struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"` // absent for a link whose address is not http(s)
	Kind string `json:"kind"`          // "file" or "link"
}
