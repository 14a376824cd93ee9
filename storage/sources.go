package storage

import (
	"errors"
	"fmt"
	"slices"

	"github.com/asdine/storm/v3"

	"github.com/callboard-app/callboard/callerid"
)

// The configured caller-ID sources are one small value in the settings
// bucket, written as a msgpack map (field names kept) so that options can
// be added freely.
const sourcesKey = "sources"

// Sources returns the devices the shop set up, in the order they were added.
func (db *DB) Sources() ([]callerid.SourceConfig, error) {
	var list []callerid.SourceConfig
	err := db.store.Get(settingsBucket, sourcesKey, &list)
	if err != nil && !errors.Is(err, storm.ErrNotFound) {
		return nil, fmt.Errorf("read devices: %w", err)
	}
	return list, nil
}

// SaveSource adds a source (ID 0: a new ID is given) or replaces the one
// with the same ID, and returns it as saved.
func (db *DB) SaveSource(c callerid.SourceConfig) (callerid.SourceConfig, error) {
	list, err := db.Sources()
	if err != nil {
		return c, err
	}
	i := slices.IndexFunc(list, func(s callerid.SourceConfig) bool { return s.ID == c.ID })
	if c.ID == 0 || i < 0 {
		for _, s := range list {
			c.ID = max(c.ID, s.ID)
		}
		c.ID++
		list = append(list, c)
	} else {
		list[i] = c
	}
	if err := db.store.Set(settingsBucket, sourcesKey, list); err != nil {
		return c, fmt.Errorf("save device %s: %w", c.Title(), err)
	}
	return c, nil
}

// DeleteSource forgets a source; its calls stay.
func (db *DB) DeleteSource(id int) error {
	list, err := db.Sources()
	if err != nil {
		return err
	}
	list = slices.DeleteFunc(list, func(s callerid.SourceConfig) bool { return s.ID == id })
	if err := db.store.Set(settingsBucket, sourcesKey, list); err != nil {
		return fmt.Errorf("delete device %d: %w", id, err)
	}
	return nil
}
