package storage

import "testing"

func TestSettingsDefaultUntilSaved(t *testing.T) {
	db := openTest(t, Options{})
	s, err := db.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if want := (Settings{Region: "US", RingGapSeconds: 7, NoAnswerRings: 4}); s != want {
		t.Errorf("fresh settings = %+v, want %+v", s, want)
	}

	saved := Settings{Region: "CA", AreaCode: "416", RingGapSeconds: 8, NoAnswerRings: 5, Port: "/dev/ttyACM0"}
	if err := db.SaveSettings(saved); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Settings(); s != saved {
		t.Errorf("settings = %+v, want %+v", s, saved)
	}
}
