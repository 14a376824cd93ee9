package storage

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// ReleaseMemory lets go of the database pages this process has read. The
// file is mapped into memory, and every page a scan, a report or the log's
// cache read stays counted in Callboard's resident memory until the system
// needs the room — at a million calls, hundreds of megabytes that the front
// desk PC would see as Callboard's. The pages stay in the system's file
// cache: reading them again costs a page fault, not a disk read.
func (db *DB) ReleaseMemory() error {
	return db.store.Bolt.View(releaseMapped)
}

// releaseMapped is ReleaseMemory inside a transaction the caller holds: a
// long scan lets go of what it has read as it goes. While any transaction
// is open bolt cannot remap the file, so the range is the mapping's own.
func releaseMapped(tx *bolt.Tx) error {
	start, size := tx.DB().Info().Data, uintptr(tx.Size())
	if size == 0 {
		return nil
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, size, syscall.MADV_DONTNEED)
	if errno != 0 {
		return errno
	}
	return nil
}
