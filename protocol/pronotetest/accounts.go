package pronotetest

import "strings"

// The demo accounts. Usernames match case-insensitively (Identification answers
// modeCompLog 1); passwords are case-sensitive (modeCompMdp 0).
const (
	StudentUsername = "demonstration" // the student account (Léa MARTIN, 3ème B)
	StudentPassword = "pronotevs"
	ParentUsername  = "parent" // the parent of Léa and Hugo MARTIN
	ParentPassword  = "pronotevs"
)

// ParentName is the parent account's display name (libelleUtil, ressource.L).
const ParentName = "MARTIN Sophie"

// account is a login of the demo school.
type account struct {
	username   string // lowercase
	password   string
	kind       string // "student" or "parent"
	name       string
	id         string    // stable id of the account's own resource
	children   []Student // the student itself, or the parent's children
	pin        string    // double authentication by PIN when not empty (security.go)
	mustChange bool      // a new password is required at the first login (security.go)
}

var accounts = []*account{
	{username: StudentUsername, password: StudentPassword, kind: "student", name: StudentLea.Name, id: StudentLea.ID,
		children: []Student{StudentLea}},
	{username: ParentUsername, password: ParentPassword, kind: "parent", name: ParentName, id: "parent-sophie",
		children: []Student{StudentLea, StudentHugo}},
}

// findAccount looks a username up in one kind of space, case-insensitively.
func findAccount(username, kind string) *account {
	for _, a := range accounts {
		if a.kind == kind && strings.ToLower(username) == a.username {
			return a
		}
	}
	return nil
}
