package flags

import (
	"testing"

	"github.com/google/uuid"
)

func TestPercentageOfUsers(t *testing.T) {
	f := Flag{Name: NewCategorizationAgent, Enabled: true, Percentage: 30}
	on := 0
	const n = 10000
	for i := 0; i < n; i++ {
		u := uuid.New()
		if f.On(u) != f.On(u) {
			t.Fatal("not stable for a user")
		}
		if f.On(u) {
			on++
		}
	}
	if on < 2700 || on > 3300 {
		t.Fatalf("%d of %d users, want about 30%%", on, n)
	}
	u := uuid.New()
	if (Flag{Name: "x", Enabled: false, Percentage: 100}).On(u) || !(Flag{Name: "x", Enabled: true, Percentage: 100}).On(u) || (Flag{Name: "x", Enabled: true}).On(u) {
		t.Fatal("off, everyone and nobody")
	}
}
