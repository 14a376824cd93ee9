package wait

import (
	"context"
	"testing"
	"time"
)

func TestBackoffDoublesUpToTheLimitAndStartsAgain(t *testing.T) {
	b := NewBackoff(time.Second, time.Minute)
	var got []time.Duration
	for range 8 {
		got = append(got, b.Next())
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 60, 60}
	for i := range want {
		if got[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want %v seconds", got, want)
		}
	}
	b.Reset()
	if w := b.Next(); w != time.Second {
		t.Errorf("after a good connection the wait is %v, want 1s", w)
	}
}

func TestABackoffWithoutRoomToGrowRestsTheSameEveryTime(t *testing.T) {
	b := NewBackoff(3*time.Second, 0)
	for range 3 {
		if w := b.Next(); w != 3*time.Second {
			t.Fatalf("wait %v, want 3s every time", w)
		}
	}
}

func TestARestEndsWithItsDevice(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if NewBackoff(time.Hour, time.Hour).Rest(ctx) {
		t.Error("a stopped device rested on")
	}
	if !Sleep(context.Background(), 0) {
		t.Error("a running device's sleep said it stopped")
	}
}

func TestOrFillsInSettingsLeftAtZero(t *testing.T) {
	for _, tt := range []struct{ set, want time.Duration }{
		{0, time.Second},
		{-time.Millisecond, time.Second},
		{time.Millisecond, time.Millisecond},
	} {
		if got := Or(tt.set, time.Second); got != tt.want {
			t.Errorf("Or(%v, 1s) = %v, want %v", tt.set, got, tt.want)
		}
	}
}
