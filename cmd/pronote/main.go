package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], env{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	os.Exit(code)
}

// env is what the command reads and writes besides its arguments.
type env struct {
	getenv func(string) string
	stdin  *os.File
	stdout io.Writer
	stderr io.Writer
}

// run is the command: it returns the exit status (0, 1 for a failed call, 2 for a usage or
// argument error).
func run(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("pronote", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	url := fs.String("url", e.getenv("PRONOTE_URL"), "the space page: https://…/pronote/eleve.html, parent.html, … (or PRONOTE_URL)")
	user := fs.String("user", e.getenv("PRONOTE_USER"), "the username (or PRONOTE_USER)")
	child := fs.String("child", "", "parent accounts: the child's id or name (default: the first child)")
	device := fs.String("device", "pronote-cli", "the device UUID this installation logs in with")
	timeout := fs.Duration("timeout", protocol.DefaultTimeout, "how long each request may take")
	remember := fs.Bool("remember", false, "stay logged in: keep a token (never the password) in the user's configuration directory, and log in with it next time")
	forget := fs.Bool("forget", false, "forget the token -remember kept for this account, then log in with the password")
	fs.Usage = func() { usage(e.stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		usage(e.stderr, fs)
		return 2
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	c, known := findCommand(name)
	if !known && name != "user" {
		fmt.Fprintf(e.stderr, "pronote: unknown call %q (pronote --help lists them)\n", name)
		return 2
	}
	cfs := flag.NewFlagSet("pronote "+name, flag.ContinueOnError)
	cfs.SetOutput(e.stderr)
	build := queryFlags(cfs, c.query)
	out := new(string)
	if name == "download" {
		cfs.StringVar(out, "o", "", "write the bytes to this file and print {name, type, size, file} instead")
	}
	if err := cfs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if cfs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "pronote: unexpected argument %q after the call's flags\n", cfs.Arg(0))
		return 2
	}
	query, err := build()
	if err != nil {
		return fail(e, err)
	}
	switch {
	case strings.TrimSpace(*url) == "":
		return fail(e, &usageError{"pronote: -url (or PRONOTE_URL) is required"})
	case strings.TrimSpace(*user) == "":
		return fail(e, &usageError{"pronote: -user (or PRONOTE_USER) is required"})
	}
	s, err := login(ctx, e, loginFlags{url: *url, user: *user, device: *device, remember: *remember, forget: *forget}, *timeout)
	if err != nil {
		return fail(e, err)
	}
	defer s.Close()
	if err := selectChild(s, *child); err != nil {
		return fail(e, err)
	}
	var result any
	if name == "user" {
		result = map[string]any{"user": s.User(), "periods": s.Periods()}
	} else if result, err = c.run(ctx, s, periodByName(s, query)); err != nil {
		return fail(e, err)
	}
	if f, ok := result.(*protocol.File); ok && *out != "" {
		if err := os.WriteFile(*out, f.Bytes, 0o600); err != nil {
			return fail(e, err)
		}
		result = map[string]any{"name": f.Name, "type": f.Type, "size": len(f.Bytes), "file": *out}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false) // for people reading it; JSON either way
	enc.SetIndent("", "  ")
	if err := enc.Encode(result); err != nil {
		return fail(e, err)
	}
	return 0
}

// loginFlags are the flags that say how to log in.
type loginFlags struct {
	url, user, device string
	remember, forget  bool
}

// login logs in once: with the token -remember kept for this account when there is one (a
// refused token is forgotten and the run fails: logging in again with the password is the
// user's call, never automatic), else with the password, asking for a token with -remember.
// Every new token is written at once, since the old one stops working.
func login(ctx context.Context, e env, f loginFlags, timeout time.Duration) (*protocol.Session, error) {
	o := protocol.Options{URL: f.url, Username: f.user, DeviceUUID: f.device, Transport: httptransport.New(nil), Timeout: timeout}
	var store *tokenStore
	if f.remember || f.forget {
		var err error
		if store, err = openTokenStore(); err != nil {
			return nil, err
		}
	}
	key := tokenKey(f.url, f.user)
	if f.forget {
		if err := store.put(key, storedToken{}); err != nil {
			return nil, err
		}
	}
	if f.remember {
		o.OnToken = func(token string) {
			if err := store.put(key, storedToken{Token: token, DeviceUUID: o.DeviceUUID}); err != nil {
				fmt.Fprintln(e.stderr, "pronote: could not keep the new token:", err)
			}
		}
		kept, ok, err := store.get(key)
		if err != nil {
			return nil, err
		}
		if ok {
			o.DeviceUUID = kept.DeviceUUID
			o.Credential = protocol.Token{Username: f.user, Token: kept.Token}
			s, err := protocol.Login(ctx, o)
			if protocol.Code(err) == "BAD_CREDENTIALS" {
				store.put(key, storedToken{})
				return nil, fmt.Errorf("%w (the kept token was refused and is forgotten: run again to log in with the password)", err)
			}
			return s, err
		}
	}
	password, err := readPassword(ctx, e)
	if err != nil {
		return nil, err
	}
	o.Credential = protocol.Password{Username: f.user, Password: password, Remember: f.remember}
	return protocol.Login(ctx, o)
}

// selectChild picks a parent's child by id, or by name (case-insensitive, whole or a word).
func selectChild(s *protocol.Session, want string) error {
	if want == "" {
		return nil
	}
	for _, c := range s.User().Children {
		if c.ID == want || strings.EqualFold(c.Name, want) || containsWord(c.Name, want) {
			return s.SelectChild(c.ID)
		}
	}
	return &usageError{"pronote: -child: no child of this account has that id or name (the user call lists them)"}
}

func containsWord(name, word string) bool {
	for _, w := range strings.Fields(name) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// fail prints err and returns the exit status: 2 for usage and argument errors, 1 otherwise.
func fail(e env, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(e.stderr, ue.msg)
		return 2
	}
	code := protocol.Code(err)
	fmt.Fprintf(e.stderr, "%s [%s]\n", err, code)
	if code == "INVALID_ARGUMENT" {
		return 2
	}
	return 1
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage: pronote [flags] CALL [call flags]

Logs in to PRONOTE, makes one call and prints its result as JSON. The password is read from
PRONOTE_PASSWORD, else typed at a prompt (never a flag).

Calls:
  user              the account, its children (parents) and its grading periods
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-17s %s\n", c.name, strings.ReplaceAll(c.help, "\n", "\n"+strings.Repeat(" ", 20)))
		if flags := flagNames(c); flags != "" {
			fmt.Fprintf(w, "  %-17s flags: %s\n", "", flags)
		}
	}
	fmt.Fprint(w, "\nFlags:\n")
	fs.PrintDefaults()
	fmt.Fprint(w, `
Dates are YYYY-MM-DD. Exit status: 0 success, 1 failed call (stderr ends with [CODE]), 2 usage.
Example: pronote -url https://…/pronote/eleve.html -user jdupont timetable --from 2026-11-23 --to 2026-11-29
`)
}
