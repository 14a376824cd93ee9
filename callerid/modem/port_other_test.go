//go:build !linux

package modem_test

func isLinux() bool { return false }
