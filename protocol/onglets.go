package protocol

// Tab numbers (onglets) of the calls this package types (§8.1).
const (
	ongletKeepAlive = 7
	ongletTimetable = 16
	ongletGrades    = 198
	ongletHomework  = 88
)
