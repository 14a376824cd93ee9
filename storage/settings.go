package storage

import (
	"errors"
	"fmt"

	"github.com/asdine/storm/v3"
)

// Settings are the shop's choices, kept in the database so that a backup
// carries them.
type Settings struct {
	// Region is the shop's country for reading numbers (ISO 3166, "US").
	Region string
	// AreaCode is put before seven-digit local numbers.
	AreaCode string
	// RingGapSeconds: this long without a ring and the call is over.
	RingGapSeconds int
	// NoAnswerRings: a call that rang this often was not picked up.
	NoAnswerRings int
	// Port is the serial device used last.
	Port string
}

func (s *Settings) fields() []any {
	return []any{&s.Region, &s.AreaCode, &s.RingGapSeconds, &s.NoAnswerRings, &s.Port}
}

// withDefaults fills what was never set. Zero means "the default" for the
// numbers, since neither a zero gap nor zero rings makes sense.
func (s Settings) withDefaults() Settings {
	if s.Region == "" {
		s.Region = "US"
	}
	if s.RingGapSeconds <= 0 {
		s.RingGapSeconds = 7
	}
	if s.NoAnswerRings <= 0 {
		s.NoAnswerRings = 4
	}
	return s
}

const settingsKey = "shop"

// Settings returns the saved settings, with defaults for what was never set.
func (db *DB) Settings() (Settings, error) {
	var s Settings
	err := db.store.Get(settingsBucket, settingsKey, &s)
	if err != nil && !errors.Is(err, storm.ErrNotFound) {
		return Settings{}, fmt.Errorf("read settings: %w", err)
	}
	return s.withDefaults(), nil
}

// SaveSettings replaces the settings.
func (db *DB) SaveSettings(s Settings) error {
	if err := db.store.Set(settingsBucket, settingsKey, &s); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}
