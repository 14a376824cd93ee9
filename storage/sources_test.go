package storage

import (
	"testing"

	"github.com/callboard-app/callboard/callerid"
)

func TestSourcesAreKeptAcrossRestarts(t *testing.T) {
	path := t.TempDir() + "/sources.db"
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	modem, err := db.SaveSource(callerid.SourceConfig{Kind: callerid.SourceModem, Name: "Front desk", Path: "/dev/ttyACM0",
		USBVendor: "0572", USBProduct: "1329", Labels: map[string]string{"/dev/ttyACM0": "Main line"}})
	if err != nil {
		t.Fatal(err)
	}
	ncid, err := db.SaveSource(callerid.SourceConfig{Kind: callerid.SourceNCID, Addr: "10.0.0.5:3333"})
	if err != nil {
		t.Fatal(err)
	}
	if modem.ID == 0 || ncid.ID == modem.ID {
		t.Fatalf("ids %d and %d", modem.ID, ncid.ID)
	}
	modem.Country = "B4"
	if _, err := db.SaveSource(modem); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.Sources()
	if err != nil || len(list) != 2 {
		t.Fatalf("sources after reopen: %+v (err %v)", list, err)
	}
	if list[0].Country != "B4" || list[0].Labels["/dev/ttyACM0"] != "Main line" || list[1].Addr != "10.0.0.5:3333" {
		t.Fatalf("sources after reopen: %+v", list)
	}
	if err := db.DeleteSource(modem.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.Sources(); len(list) != 1 || list[0].Kind != callerid.SourceNCID {
		t.Fatalf("after delete: %+v", list)
	}
}
