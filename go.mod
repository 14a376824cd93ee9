module github.com/callboard-app/callboard

go 1.26.8

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/asdine/storm/v3 v3.2.1 // indirect
	github.com/creack/pty v1.1.24 // indirect
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0 // indirect
	github.com/nyaruka/phonenumbers v1.8.1 // indirect
	github.com/vmihailenco/msgpack/v5 v5.4.1 // indirect
	github.com/vmihailenco/tagparser/v2 v2.0.0 // indirect
	github.com/wcharczuk/go-chart/v2 v2.1.2 // indirect
	go.bug.st/serial v1.8.0 // indirect
	go.etcd.io/bbolt v1.4.3 // indirect
	golang.org/x/image v0.24.0 // indirect
	golang.org/x/sys v0.43.0 // indirect
	golang.org/x/text v0.23.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
