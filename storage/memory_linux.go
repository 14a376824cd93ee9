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
	// Inside a read transaction bolt cannot remap the file, so the range is
	// the mapping's own.
	return db.store.Bolt.View(func(tx *bolt.Tx) error {
		start, size := db.store.Bolt.Info().Data, uintptr(tx.Size())
		if size == 0 {
			return nil
		}
		_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, size, syscall.MADV_DONTNEED)
		if errno != 0 {
			return errno
		}
		return nil
	})
}
