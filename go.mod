module github.com/pronote-web/pronote

go 1.26
