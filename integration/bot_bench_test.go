package integration

import (
	"context"
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
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
