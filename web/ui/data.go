package ui

import (
	"context"

	"github.com/pronote-web/pronote/protocol"
)

// Data is what the views read and change: the typed calls of a logged-in session. It is
// *protocol.Session in a page; an embedder that keeps the session elsewhere (a browser
// extension's service worker) can stand in for it.
type Data interface {
	User() protocol.User
	Periods() []protocol.Period
	KeepAlive(ctx context.Context) error

	Timetable(ctx context.Context, q protocol.TimetableQuery) ([]protocol.Lesson, error)
	Grades(ctx context.Context, q protocol.GradesQuery) (*protocol.Grades, error)
	Homework(ctx context.Context, q protocol.HomeworkQuery) ([]protocol.Homework, error)
	SetHomeworkDone(ctx context.Context, q protocol.SetHomeworkDoneQuery) (struct{}, error)
	LessonContents(ctx context.Context, q protocol.LessonContentsQuery) ([]protocol.LessonContent, error)
	Attendance(ctx context.Context, q protocol.AttendanceQuery) (*protocol.Attendance, error)
	News(ctx context.Context, q protocol.NewsQuery) ([]protocol.News, error)
	MarkNewsRead(ctx context.Context, q protocol.MarkNewsReadQuery) (struct{}, error)
	Discussions(ctx context.Context, q protocol.DiscussionsQuery) ([]protocol.Discussion, error)
	Messages(ctx context.Context, q protocol.MessagesQuery) ([]protocol.Message, error)
	Reply(ctx context.Context, q protocol.ReplyQuery) (struct{}, error)
	Recipients(ctx context.Context, q protocol.RecipientsQuery) ([]protocol.Recipient, error)
	SendMessage(ctx context.Context, q protocol.SendMessageQuery) (struct{}, error)
	Menus(ctx context.Context, q protocol.MenusQuery) ([]protocol.MenuDay, error)
	Evaluations(ctx context.Context, q protocol.EvaluationsQuery) ([]protocol.Evaluation, error)
	ReportCard(ctx context.Context, q protocol.ReportCardQuery) (*protocol.ReportCard, error)
	Teachers(ctx context.Context, q protocol.TeachersQuery) ([]protocol.Teacher, error)
	Download(ctx context.Context, q protocol.DownloadQuery) (*protocol.File, error)
}

var _ Data = (*protocol.Session)(nil)
