//go:build !linux

package storage

import bolt "go.etcd.io/bbolt"

// ReleaseMemory does nothing where the system offers no portable way to
// drop a mapped file's pages; they are the system's to reclaim.
func (db *DB) ReleaseMemory() error { return nil }

func releaseMapped(*bolt.Tx) error { return nil }
