package integration

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// BenchmarkTelegramReply times one chat message to its reply on the real stack: telego long
// polling on the fake Bot API → Update-With-Start → ConversationWorkflow → reply on the
// Update → sendMessage. "help" needs no activity; "recent" runs one (a database query).
// Run: go test -run XXX -bench TelegramReply ./integration/ (with the services up).
func BenchmarkTelegramReply(b *testing.B) {
	fake := botHarness(b)
	ctx := context.Background()
	u, err := deps.Store.EnsureUser(ctx, "bench", uuid.NewString()+"@bench.local", "USD")
	if err != nil {
		b.Fatal(err)
	}
	for _, cmd := range []string{"/help", "/recent"} {
		b.Run(cmd[1:], func(b *testing.B) {
			chatID := newChat()
			code, err := deps.Store.NewLinkCode(ctx, u.ID, time.Minute)
			if err != nil {
				b.Fatal(err)
			}
			fake.SendText(chatID, chatID, "/start "+code)
			if m, err := fake.WaitSent(chatID, 1, 30*time.Second); err != nil || !strings.Contains(m[0].Text, "Linked") {
				b.Fatal(err, m)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				fake.SendText(chatID, chatID, cmd)
				if _, err := fake.WaitSent(chatID, i+2, 30*time.Second); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			report(b, lat)
		})
	}
	// Adding an expense: the press of Add to the reply with its category, which waits for the
	// transaction's own workflow (the draft message before it is not timed).
	seq := 0 // amounts never repeat, or the duplicate check would push alerts in between
	b.Run("add", func(b *testing.B) {
		chatID := newChat()
		code, err := deps.Store.NewLinkCode(ctx, u.ID, time.Minute)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := deps.Store.EnsureAccount(ctx, u.ID, "checking", "USD"); err != nil {
			b.Fatal(err)
		}
		fake.SendText(chatID, chatID, "/start "+code)
		n := 1
		if _, err := fake.WaitSent(chatID, n, 30*time.Second); err != nil {
			b.Fatal(err)
		}
		lat := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			seq++
			fake.SendText(chatID, chatID, fmt.Sprintf("lunch %d.%02d", 5+seq/100, seq%100))
			n++
			draft, err := fake.WaitSent(chatID, n, 30*time.Second)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			fake.PressButton(chatID, chatID, draft[n-1].MessageID, "add")
			n++
			if m, err := fake.WaitSent(chatID, n, 30*time.Second); err != nil || !strings.Contains(m[n-1].Text, "Added") {
				b.Fatal(err, m[n-1].Text)
			}
			lat = append(lat, time.Since(start))
		}
		b.StopTimer()
		report(b, lat)
	})
}

func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
