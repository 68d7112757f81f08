package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// readPassword returns PRONOTE_PASSWORD, or reads a line typed at the terminal with echo off.
// Without either it fails: the password is never a flag (shell history, process lists).
func readPassword(ctx context.Context, e env) (string, error) {
	if p := e.getenv("PRONOTE_PASSWORD"); p != "" {
		return p, nil
	}
	if fi, err := e.stdin.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return "", &usageError{"pronote: set PRONOTE_PASSWORD, or run in a terminal to type the password"}
	}
	if stty(e.stdin, "-echo") != nil {
		return "", &usageError{"pronote: cannot turn off the terminal's echo (stty) to type the password: set PRONOTE_PASSWORD"}
	}
	defer stty(e.stdin, "echo")
	fmt.Fprint(e.stderr, "Password: ")
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(e.stdin).ReadString('\n')
		line <- s
	}()
	select {
	case s := <-line:
		fmt.Fprintln(e.stderr)
		if p := strings.TrimRight(s, "\r\n"); p != "" {
			return p, nil
		}
		return "", &usageError{"pronote: no password typed"}
	case <-ctx.Done():
		fmt.Fprintln(e.stderr)
		return "", ctx.Err()
	}
}

// stty runs stty on the terminal f (it acts on its standard input).
func stty(f *os.File, arg string) error {
	cmd := exec.Command("stty", arg)
	cmd.Stdin = f
	return cmd.Run()
}
