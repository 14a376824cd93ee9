//go:build !linux

package storage

// ReleaseMemory does nothing where the system offers no portable way to
// drop a mapped file's pages; they are the system's to reclaim.
func (db *DB) ReleaseMemory() error { return nil }
