package protocol

import (
	"context"
	"fmt"
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
)

// DownloadQuery names the attachment to fetch, as a typed call returned it (homework, lesson
// contents, …).
type DownloadQuery struct {
	Attachment Attachment `json:"attachment"`
}

// File is a downloaded attachment.
type File struct {
	Name  string `json:"name"`  // the attachment's name
	Type  string `json:"type"`  // the Content-Type the server sent, "application/octet-stream" when none
	Bytes []byte `json:"bytes"` // the content
}

// maxRedirects bounds the redirects a link download follows.
const maxRedirects = 5

// Download fetches an attachment with a GET through the session's Transport (§8.2, not an
// appelfonction: the order counter is not involved). A file is fetched from the session's own
// server with the session's cookies, and only from there; a link is fetched from its http(s)
// address without them, following up to five redirects. An attachment of another server, or a
// link whose address is not http(s) (javascript:, data:, none), is an *ArgumentError naming
// "attachment". Through the relay, a link to a host the relay does not serve is refused there.
func (s *Session) Download(ctx context.Context, q DownloadQuery) (*File, error) {
	a := q.Attachment
	target, err := s.downloadTarget(a)
	if err != nil {
		return nil, err
	}
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	header := map[string]string{"User-Agent": UserAgent}
	if a.Kind == "file" {
		header = s.headers("") // the cookies are read under the lock; the GET runs without it
	}
	s.unlock()
	for hops := 0; ; hops++ {
		resp, err := s.do(ctx, "download", &Request{Method: "GET", URL: target.String(), Header: header})
		if err != nil {
			return nil, err
		}
		loc := resp.Header["Location"]
		if a.Kind != "link" || resp.Status < 300 || resp.Status > 399 || loc == "" {
			return fileOf(a, target, resp)
		}
		next, err := weburl.Parse(target.Resolve(loc))
		if err != nil || next.UserInfo || hops >= maxRedirects {
			return nil, fmt.Errorf("%w: download: a redirect to an address that is not http(s), or too many", ErrUnavailable)
		}
		target = next
	}
}

// downloadTarget checks an attachment and returns the address to GET.
func (s *Session) downloadTarget(a Attachment) (*weburl.URL, error) {
	switch a.Kind {
	case "file", "link":
	default:
		return nil, argError("attachment", `must be an attachment of kind "file" or "link"`)
	}
	u, err := weburl.Parse(strings.TrimSpace(a.URL))
	if err != nil || u.UserInfo {
		return nil, argError("attachment", "has no http(s) address to download from")
	}
	u.Fragment = ""
	if a.Kind == "file" {
		root := s.root.Dir()
		if u.Scheme != root.Scheme || u.Host != root.Host || !strings.HasPrefix(u.Path, root.Path) {
			return nil, argError("attachment", "is a file of another server than this session's")
		}
	}
	return u, nil
}

// fileOf turns the answer to a download into a File, or an error for anything but HTTP 200.
func fileOf(a Attachment, u *weburl.URL, resp *Response) (*File, error) {
	if resp.Status != 200 {
		if err := htmlError(string(resp.Body)); err != nil {
			return nil, fmt.Errorf("download: %w", err)
		}
		return nil, fmt.Errorf("%w: download: HTTP %d", ErrUnavailable, resp.Status)
	}
	f := &File{Name: a.Name, Type: resp.Header["Content-Type"], Bytes: resp.Body}
	if f.Name == "" {
		f.Name = u.LastSegment()
	}
	if f.Type == "" {
		f.Type = "application/octet-stream"
	}
	if f.Bytes == nil {
		f.Bytes = []byte{}
	}
	return f, nil
}
