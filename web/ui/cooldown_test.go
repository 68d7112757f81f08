package ui

import (
	"testing"
	"time"
)

func TestCoolDown(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c := coolDowns{}
	page := "https://x.index-education.net/pronote/eleve.html"
	until := c.note(page, now)
	if got := waitText(French, until, now); got != "Réessayez dans 15 min (vers 10h15)." {
		t.Errorf("fr: %q", got)
	}
	later := now.Add(4*time.Minute + 10*time.Second)
	if again := c.note("https://x.index-education.net/pronote/parent.html", later); !again.Equal(until) {
		t.Errorf("a refusal during the cool-down moved its end: %v", again)
	}
	if got := waitText(English, until, later); got != "Try again in 11 min (around 10:15)." {
		t.Errorf("en: %q", got)
	}
	if got := waitText(French, until, until.Add(time.Second)); got != "Réessayez dans 1 min (vers 10h15)." {
		t.Errorf("past the end: %q", got)
	}
	if next := c.note(page, until.Add(time.Minute)); !next.Equal(until.Add(time.Minute + 15*time.Minute)) {
		t.Errorf("a refusal after the cool-down starts a new one: %v", next)
	}
}
