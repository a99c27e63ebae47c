package ask

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/merchant"
	"github.com/aithena/aithena/seed"
)

func TestZZExplore(t *testing.T) {
	txns := seed.Generate(time.Now().AddDate(0, 0, -1), 6, 42)
	cnt := map[string]int{}
	cat := map[string]string{}
	for _, x := range txns {
		n := merchant.Normalize(x.Description)
		cnt[n]++
		m, ok := categorize.MatchLexicon(n, x.Description, 0)
		if ok { cat[n] = m.Category }
	}
	var ks []string
	for k := range cnt { ks = append(ks, k) }
	sort.Slice(ks, func(i, j int) bool { return cnt[ks[i]] > cnt[ks[j]] })
	for _, k := range ks { fmt.Printf("%4d %-40q %q %s\n", cnt[k], k, merchant.Key(k), cat[k]) }
	fmt.Println(len(txns), txns[0].Date, txns[len(txns)-1].Date)
}
