package ui

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/pronote-web/pronote/protocol"
)

// A remote session is a session held outside the page, by a browser extension's service
// worker: one module instance there serves every opening of the popup, since two instances
// cannot share one order counter. The popup's interface reaches it through calls by name
// (the JavaScript method names of the session object, e.g. "timetable"), queries and results
// crossing as JSON; remote_js.go carries them over a JavaScript backend object.

// RemoteError is a failure the session's side reported: its stable code and message. The
// message comes from the module's own errors, which never hold a secret.
type RemoteError struct {
	Code    string
	Message string
}

func (e *RemoteError) Error() string { return e.Message }

// Unwrap lets the interface branch on the protocol's sentinels (a refused password, an
// expired session…) as it does for a session of its own.
func (e *RemoteError) Unwrap() error { return remoteSentinels[e.Code] }

var remoteSentinels = map[string]error{
	"ABORTED":                  context.Canceled,
	"TIMEOUT":                  protocol.ErrTimeout,
	"BAD_CREDENTIALS":          protocol.ErrBadCredentials,
	"ACCESS_DENIED":            protocol.ErrAccessDenied,
	"SESSION_EXPIRED":          protocol.ErrSessionExpired,
	"RATE_LIMITED":             protocol.ErrRateLimited,
	"IP_SUSPENDED":             protocol.ErrIPSuspended,
	"TWO_FACTOR_REQUIRED":      protocol.ErrTwoFactorRequired,
	"PASSWORD_CHANGE_REQUIRED": protocol.ErrPasswordChangeRequired,
	"CLOSED":                   protocol.ErrClosed,
	"INVALID_ARGUMENT":         protocol.ErrInvalidArgument,
	"NETWORK_ERROR":            protocol.ErrNetwork,
	"PROTOCOL_ERROR":           protocol.ErrProtocol,
	"SERVER_ERROR":             protocol.ErrUnavailable,
}

// remoteCode is the code of err for an interface over a Remote: the code the remote side gave,
// or code(err) for an error of the popup's own.
func remoteCode(code func(error) string) func(error) string {
	return func(err error) string {
		var re *RemoteError
		if errors.As(err, &re) && re.Code != "" {
			return re.Code
		}
		return code(err)
	}
}

// remoteInfo is what the session's side says of the session it holds.
type remoteInfo struct {
	User           protocol.User     `json:"user"`
	Periods        []protocol.Period `json:"periods"`
	URL            string            `json:"url"`
	Username       string            `json:"username"`
	IdentifiantNav string            `json:"identifiantNav,omitempty"`
	Child          string            `json:"child,omitempty"`
}

// remoteLogin is the login the popup asks for: login's options of the JavaScript API, without
// callbacks (the service worker adds its own device id and token keeping).
type remoteLogin struct {
	URL            string    `json:"url,omitempty"`
	Username       string    `json:"username,omitempty"`
	Password       string    `json:"password,omitempty"`
	Remember       bool      `json:"remember,omitempty"`
	QR             *remoteQR `json:"qr,omitempty"`
	IdentifiantNav string    `json:"identifiantNav,omitempty"`
}

type remoteQR struct {
	Data string `json:"data"`
	PIN  string `json:"pin"`
}

// remoteLoginOf turns the interface's login options into the remote login. A token login is
// the service worker's own business ("Rester connecté" lives there), so it is refused here.
func remoteLoginOf(o protocol.Options) (remoteLogin, error) {
	r := remoteLogin{URL: o.URL, IdentifiantNav: o.IdentifiantNav}
	switch c := o.Credential.(type) {
	case protocol.Password:
		r.Username, r.Password, r.Remember = c.Username, c.Password, c.Remember
	case protocol.QRCode:
		r.URL, r.QR = "", &remoteQR{Data: c.Data, PIN: c.PIN}
	case nil:
		r.Username, r.Password = o.Username, o.Password
	default:
		return r, &RemoteError{Code: "INVALID_ARGUMENT", Message: "this login is made by the extension itself"}
	}
	return r, nil
}

// remoteSession is the session a Remote holds, as the interface sees it: what the remote side
// reported (user, periods), the child chosen here, and every call forwarded by name.
type remoteSession struct {
	info  remoteInfo
	child string
	send  func(ctx context.Context, name string, query []byte, child string) ([]byte, error)
	close func() error
}

// remoteCall forwards one typed call: the query marshalled as the JavaScript method takes it
// (the Go query types are what the module decodes), the result decoded into R.
func remoteCall[Q, R any](r *remoteSession, ctx context.Context, name string, q Q) (R, error) {
	var out R
	query, err := json.Marshal(q)
	if err != nil {
		return out, err
	}
	reply, err := r.send(ctx, name, query, r.child)
	if err != nil {
		return out, err
	}
	if len(reply) == 0 {
		return out, nil // a write, which resolves with nothing
	}
	if err := json.Unmarshal(reply, &out); err != nil {
		return out, &RemoteError{Code: "PROTOCOL_ERROR", Message: "the extension's answer to " + name + " is not what was expected"}
	}
	return out, nil
}

func (r *remoteSession) User() protocol.User        { return r.info.User }
func (r *remoteSession) Periods() []protocol.Period { return r.info.Periods }
func (r *remoteSession) URL() string                { return r.info.URL }
func (r *remoteSession) Username() string           { return r.info.Username }
func (r *remoteSession) IdentifiantNav() string     { return r.info.IdentifiantNav }

// Token is empty: the remote side keeps the token of "Rester connecté" itself.
func (r *remoteSession) Token() string { return "" }

// Do runs f: the remote side logs in again on expiry when it keeps a token.
func (r *remoteSession) Do(ctx context.Context, f func(context.Context) error) error { return f(ctx) }

// Export has nothing to give: the remote side saves the session's state after every call.
func (r *remoteSession) Export(context.Context) ([]byte, error) { return nil, nil }

// SelectChild chooses the child the next calls are about; each call carries it, so the
// remote side switches before answering (a popup cannot wait for it in an event handler).
func (r *remoteSession) SelectChild(id string) error {
	for _, c := range r.info.User.Children {
		if c.ID == id {
			r.child = id
			return nil
		}
	}
	return &RemoteError{Code: "INVALID_ARGUMENT", Message: "unknown child"}
}

// Close logs out on the remote side.
func (r *remoteSession) Close() error { return r.close() }

func (r *remoteSession) KeepAlive(ctx context.Context) error {
	_, err := remoteCall[struct{}, struct{}](r, ctx, "keepAlive", struct{}{})
	return err
}

func (r *remoteSession) Timetable(ctx context.Context, q protocol.TimetableQuery) ([]protocol.Lesson, error) {
	return remoteCall[protocol.TimetableQuery, []protocol.Lesson](r, ctx, "timetable", q)
}

func (r *remoteSession) Grades(ctx context.Context, q protocol.GradesQuery) (*protocol.Grades, error) {
	return remoteCall[protocol.GradesQuery, *protocol.Grades](r, ctx, "grades", q)
}

func (r *remoteSession) Homework(ctx context.Context, q protocol.HomeworkQuery) ([]protocol.Homework, error) {
	return remoteCall[protocol.HomeworkQuery, []protocol.Homework](r, ctx, "homework", q)
}

func (r *remoteSession) SetHomeworkDone(ctx context.Context, q protocol.SetHomeworkDoneQuery) (struct{}, error) {
	return remoteCall[protocol.SetHomeworkDoneQuery, struct{}](r, ctx, "setHomeworkDone", q)
}

func (r *remoteSession) LessonContents(ctx context.Context, q protocol.LessonContentsQuery) ([]protocol.LessonContent, error) {
	return remoteCall[protocol.LessonContentsQuery, []protocol.LessonContent](r, ctx, "lessonContents", q)
}

func (r *remoteSession) Attendance(ctx context.Context, q protocol.AttendanceQuery) (*protocol.Attendance, error) {
	return remoteCall[protocol.AttendanceQuery, *protocol.Attendance](r, ctx, "attendance", q)
}

func (r *remoteSession) News(ctx context.Context, q protocol.NewsQuery) ([]protocol.News, error) {
	return remoteCall[protocol.NewsQuery, []protocol.News](r, ctx, "news", q)
}

func (r *remoteSession) MarkNewsRead(ctx context.Context, q protocol.MarkNewsReadQuery) (struct{}, error) {
	return remoteCall[protocol.MarkNewsReadQuery, struct{}](r, ctx, "markNewsRead", q)
}

func (r *remoteSession) Discussions(ctx context.Context, q protocol.DiscussionsQuery) ([]protocol.Discussion, error) {
	return remoteCall[protocol.DiscussionsQuery, []protocol.Discussion](r, ctx, "discussions", q)
}

func (r *remoteSession) Messages(ctx context.Context, q protocol.MessagesQuery) ([]protocol.Message, error) {
	return remoteCall[protocol.MessagesQuery, []protocol.Message](r, ctx, "messages", q)
}

func (r *remoteSession) Reply(ctx context.Context, q protocol.ReplyQuery) (struct{}, error) {
	return remoteCall[protocol.ReplyQuery, struct{}](r, ctx, "reply", q)
}

func (r *remoteSession) Recipients(ctx context.Context, q protocol.RecipientsQuery) ([]protocol.Recipient, error) {
	return remoteCall[protocol.RecipientsQuery, []protocol.Recipient](r, ctx, "recipients", q)
}

func (r *remoteSession) SendMessage(ctx context.Context, q protocol.SendMessageQuery) (struct{}, error) {
	return remoteCall[protocol.SendMessageQuery, struct{}](r, ctx, "sendMessage", q)
}

func (r *remoteSession) Menus(ctx context.Context, q protocol.MenusQuery) ([]protocol.MenuDay, error) {
	return remoteCall[protocol.MenusQuery, []protocol.MenuDay](r, ctx, "menus", q)
}

func (r *remoteSession) Evaluations(ctx context.Context, q protocol.EvaluationsQuery) ([]protocol.Evaluation, error) {
	return remoteCall[protocol.EvaluationsQuery, []protocol.Evaluation](r, ctx, "evaluations", q)
}

func (r *remoteSession) ReportCard(ctx context.Context, q protocol.ReportCardQuery) (*protocol.ReportCard, error) {
	return remoteCall[protocol.ReportCardQuery, *protocol.ReportCard](r, ctx, "reportCard", q)
}

func (r *remoteSession) Teachers(ctx context.Context, q protocol.TeachersQuery) ([]protocol.Teacher, error) {
	return remoteCall[protocol.TeachersQuery, []protocol.Teacher](r, ctx, "teachers", q)
}

// Download gets the file's bytes as base64 in JSON (the service worker encodes them).
func (r *remoteSession) Download(ctx context.Context, q protocol.DownloadQuery) (*protocol.File, error) {
	return remoteCall[protocol.DownloadQuery, *protocol.File](r, ctx, "download", q)
}

var _ session = (*remoteSession)(nil)
var _ session = (*protocol.Session)(nil)

// nullStore keeps nothing: the store of what the remote side keeps itself.
type nullStore struct{}

func (nullStore) Load() []byte { return nil }
func (nullStore) Save([]byte)  {}
func (nullStore) Clear()       {}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func jsonDecode(text string, v any) error { return json.Unmarshal([]byte(text), v) }
