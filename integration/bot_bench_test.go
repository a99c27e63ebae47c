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
			chatID := linkChat(b, fake, u.ID)
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
	if _, err := deps.Store.EnsureAccount(ctx, u.ID, "checking", "USD"); err != nil {
		b.Fatal(err)
	}
	b.Run("add", func(b *testing.B) {
		chatID := linkChat(b, fake, u.ID)
		n := 1
		lat := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			seq++
			fake.SendText(chatID, chatID, fmt.Sprintf("lunch %d.%02d", 5+seq/100, seq%100))
			n++
			draft := reply(b, fake, chatID, n)
			b.StartTimer()
			start := time.Now()
			fake.PressButton(chatID, chatID, draft.MessageID, "add")
			n++
			if m := reply(b, fake, chatID, n); !strings.Contains(m.Text, "Added") {
				b.Fatal(m.Text)
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
