package recurring

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

const (
	// maxGap is the largest step between consecutive occurrences' slot indices
	// within one series: one missed date is tolerated (a failed card, a skipped
	// month), two or more end the series — as Options.Now does for the latest one.
	maxGap = 2
	// minPurity: at most one unmatched payment of similar amount per occurrence in
	// a series' span; otherwise a frequent habit (coffee every few days) would fit
	// a weekly grid trivially, its tolerance window covering every day. One is
	// allowed for a second calendar at the same price.
	minPurity = 0.5
	// maxFits bounds the calendars sought in one amount cluster.
	maxFits = 4
	// qualityExp: per-occurrence quality counts in full at four occurrences (two
	// fix a cadence and phase, so this is two confirmations); below that it is
	// raised to a higher power, above it to a lower one.
	qualityExp = 3.0
	// maxStep bounds the price change that joins two pieces into one series; a
	// bigger jump is more likely a different product at the same merchant.
	maxStep = 1.5
	// recentN occurrences make up the typical amount.
	recentN = 6
	// maxAnchors bounds the anchors tried per cadence, keeping a fit quadratic in a
	// bounded number rather than in the size of a huge cluster.
	maxAnchors = 200
)

type item struct {
	Txn
	day     date
	amt     int64 // |AmountMinor|
	cluster int   // index of its amount cluster in the group
}

// group is what the confidence of a group's series needs to know about the rest of
// its merchant's payments.
type group struct {
	clusterSize []int
	window      int // days from the group's first payment to its last
}

// match places an item on slot k of a schedule, off days from its expected date.
type match struct {
	it  *item
	pos int // index in the slice that was fitted, for counting what lies between
	k   int
	off int
}

// chain is a series under construction: matches on one schedule, possibly joined
// from several pieces at different prices.
type chain struct {
	sched  schedule
	ms     []match
	extras int   // unmatched payments of similar amount within the span
	starts []int // index in ms where each joined piece begins
	g      *group
}

// detectGroup finds the series among one group's items.
func detectGroup(items []*item, o *Options) []*chain {
	slices.SortStableFunc(items, func(a, b *item) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.ID, b.ID))
	})
	g := &group{window: int(items[len(items)-1].day - items[0].day)}
	var segs []*chain
	var singles []*item
	for i, cl := range clusterAmounts(items, o.AmountTolerance) {
		for _, it := range cl {
			it.cluster = i
		}
		g.clusterSize = append(g.clusterSize, len(cl))
		s, rest := segments(cl, o)
		for _, c := range s {
			c.g = g
		}
		segs = append(segs, s...)
		singles = append(singles, rest...)
	}
	// Join pieces in time order, so that a price change continues the older chain.
	slices.SortStableFunc(segs, func(a, b *chain) int {
		return cmp.Or(cmp.Compare(a.first(), b.first()), cmp.Compare(len(b.ms), len(a.ms)))
	})
	var chains []*chain
	for _, s := range segs {
		var best *chain
		var bestMs []match
		bestGap, bestRatio := math.MaxInt, math.Inf(1)
		for _, c := range chains {
			ms, ok := c.attach(pieceItems(s.ms), o)
			if !ok {
				continue
			}
			gap := ms[0].k - c.ms[len(c.ms)-1].k
			ratio := math.Abs(math.Log(float64(medianAmt(pieceItems(s.ms))) / float64(c.ms[len(c.ms)-1].it.amt)))
			if gap < bestGap || gap == bestGap && ratio < bestRatio {
				best, bestMs, bestGap, bestRatio = c, ms, gap, ratio
			}
		}
		if best == nil {
			chains = append(chains, s)
			continue
		}
		best.starts = append(best.starts, len(best.ms))
		best.ms = append(best.ms, bestMs...)
		best.extras += s.extras
	}
	// A lone payment at a new price right after a chain's last one is the first
	// occurrence of a price change; it is the most useful one to report.
	slices.SortStableFunc(singles, func(a, b *item) int { return cmp.Compare(a.day, b.day) })
	used := make([]bool, len(singles))
	for _, c := range chains {
		for i, it := range singles {
			if used[i] || it.day <= c.last() {
				continue
			}
			if ms, ok := c.attach([]*item{it}, o); ok {
				c.starts = append(c.starts, len(c.ms))
				c.ms = append(c.ms, ms...)
				used[i] = true
				break
			}
		}
	}
	return chains
}

func (c *chain) first() date { return c.ms[0].it.day }
func (c *chain) last() date  { return c.ms[len(c.ms)-1].it.day }

func pieceItems(ms []match) []*item {
	out := make([]*item, len(ms))
	for i, m := range ms {
		out[i] = m.it
	}
	return out
}

// attach maps a later piece onto c's calendar; it fits when every item lands on a
// slot within the date tolerance, continuing c without skipping two dates, at a
// price within maxStep of c's last.
func (c *chain) attach(piece []*item, o *Options) ([]match, bool) {
	last := c.ms[len(c.ms)-1]
	r := float64(medianAmt(piece)) / float64(last.it.amt)
	if r > maxStep || r < 1/maxStep || piece[0].day <= last.it.day {
		return nil, false
	}
	tol := o.DateTolerance[c.sched.cad]
	prev := last.k
	ms := make([]match, 0, len(piece))
	for _, it := range piece {
		k, off := c.sched.slot(it.day)
		if abs(off) > tol || k-prev < 1 || k-prev > maxGap {
			return nil, false
		}
		ms = append(ms, match{it: it, k: k, off: off})
		prev = k
	}
	return ms, true
}

// clusterAmounts partitions items (sorted by date) into clusters of similar
// amount: repeatedly the densest window of ±tol around an amount, re-centred on its
// median so that members are within tol of the cluster's median. Each cluster keeps
// date order.
func clusterAmounts(items []*item, tol float64) [][]*item {
	rest := slices.Clone(items)
	slices.SortStableFunc(rest, func(a, b *item) int { return cmp.Compare(a.amt, b.amt) })
	within := func(c float64) (lo, hi int) {
		lo = sort.Search(len(rest), func(i int) bool { return float64(rest[i].amt) >= c*(1-tol) })
		hi = sort.Search(len(rest), func(i int) bool { return float64(rest[i].amt) > c*(1+tol) })
		return lo, hi
	}
	var out [][]*item
	for len(rest) > 0 {
		bestLo, bestHi := 0, 1
		for i := range rest {
			if i > 0 && rest[i].amt == rest[i-1].amt {
				continue
			}
			if lo, hi := within(float64(rest[i].amt)); hi-lo > bestHi-bestLo {
				bestLo, bestHi = lo, hi
			}
		}
		if lo, hi := within(float64(medianAmt(rest[bestLo:bestHi]))); hi > lo {
			bestLo, bestHi = lo, hi
		}
		cl := slices.Clone(rest[bestLo:bestHi])
		slices.SortStableFunc(cl, func(a, b *item) int {
			return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.ID, b.ID))
		})
		out = append(out, cl)
		rest = slices.Delete(rest, bestLo, bestHi)
	}
	return out
}

// segments fits one amount cluster repeatedly — a merchant may bill the same price
// on two calendars — and returns the fitted runs plus the items left over.
func segments(cl []*item, o *Options) ([]*chain, []*item) {
	var segs []*chain
	rest := cl
	for fits := 0; fits < maxFits && len(rest) >= 2; fits++ {
		f, ok := bestFit(rest, o)
		if !ok {
			break
		}
		inSeg := make([]bool, len(rest))
		n := 0
		for _, run := range splitRuns(f.ms) {
			if h, _, extras := runStats(run); accepted(h, extras) {
				segs = append(segs, &chain{sched: f.sched, ms: run})
				for _, m := range run {
					inSeg[m.pos] = true
				}
				n++
			}
		}
		if n == 0 {
			break
		}
		var next []*item
		for i, it := range rest {
			if !inSeg[i] {
				next = append(next, it)
			}
		}
		rest = next
	}
	// Only what no segment claimed counts against a segment's purity: a second
	// calendar at the same price is not noise.
	for _, s := range segs {
		for _, it := range rest {
			if it.day >= s.first() && it.day <= s.last() {
				s.extras++
			}
		}
	}
	return segs, rest
}

// accepted tells whether a fitted run of h occurrences with extras unmatched
// items in between makes a segment.
func accepted(h, extras int) bool {
	return h >= 2 && float64(h) >= minPurity*float64(h+extras)
}

type fit struct {
	sched schedule
	ms    []match
	score float64
	dev   int // total |offset|, the tie-breaker
}

// bestFit tries every cadence with every item as anchor (the anchor fixes the day
// of month; the phase is then re-estimated as the median offset so that one
// jittered anchor does not skew the grid) and keeps the best score.
func bestFit(items []*item, o *Options) (fit, bool) {
	var best fit
	found := false
	stride := max(1, len(items)/maxAnchors)
	for _, cad := range cadences {
		tol := o.DateTolerance[cad]
		for i := 0; i < len(items); i += stride {
			if i > 0 && items[i].day == items[i-1].day {
				continue
			}
			s := newSchedule(cad, items[i].day)
			ms := assign(items, s, tol)
			if len(ms) < 2 {
				continue
			}
			offs := make([]int, len(ms))
			for j, m := range ms {
				offs[j] = m.off
			}
			slices.Sort(offs)
			if s.phase = offs[len(offs)/2]; s.phase != 0 {
				ms = assign(items, s, tol)
			}
			// Only runs that segments would accept count, so that a habit too
			// frequent for any cadence cannot win with an implausible fit; purity
			// is not part of the score, so that two calendars at one price are
			// explained by two monthly fits rather than one alternating bi-weekly.
			f := fit{sched: s, ms: ms}
			for _, run := range splitRuns(ms) {
				if h, span, extras := runStats(run); accepted(h, extras) {
					f.score += float64(h) * float64(h) / float64(span)
				}
			}
			for _, m := range ms {
				f.dev += abs(m.off)
			}
			if f.score > 0 && (!found || f.score > best.score+1e-9 || math.Abs(f.score-best.score) <= 1e-9 && f.dev < best.dev) {
				best, found = f, true
			}
		}
	}
	return best, found
}

// assign puts each item on its nearest slot of s, keeping per slot the item
// closest to the expected date within tol; the rest (duplicates, strays) stay out.
func assign(items []*item, s schedule, tol int) []match {
	var ms []match
	for i, it := range items {
		k, off := s.slot(it.day)
		if abs(off) > tol {
			continue
		}
		// Slots are monotone in date, so a slot's candidates are adjacent.
		if n := len(ms); n > 0 && ms[n-1].k == k {
			if abs(off) < abs(ms[n-1].off) {
				ms[n-1] = match{it, i, k, off}
			}
			continue
		}
		ms = append(ms, match{it, i, k, off})
	}
	return ms
}

// splitRuns cuts matches where two or more expected dates in a row were missed.
func splitRuns(ms []match) [][]match {
	var runs [][]match
	start := 0
	for i := 1; i <= len(ms); i++ {
		if i == len(ms) || ms[i].k-ms[i-1].k > maxGap {
			runs = append(runs, ms[start:i])
			start = i
		}
	}
	return runs
}

// runStats: occurrences, expected dates spanned, and unmatched items in between.
func runStats(run []match) (hits, span, extras int) {
	hits = len(run)
	span = run[hits-1].k - run[0].k + 1
	extras = run[hits-1].pos - run[0].pos + 1 - hits
	return hits, span, extras
}

// series turns a chain into a Series, or false when it is too short, too weak or
// has ended (unless ended ones are wanted).
func (c *chain) series(key groupKey, o *Options, now date) (Series, bool) {
	cad := c.sched.cad
	n := len(c.ms)
	if n < o.MinOccurrences[cad] {
		return Series{}, false
	}
	tol := o.DateTolerance[cad]
	lastK := c.ms[n-1].k
	ended := now > c.sched.at(lastK+maxGap)+date(tol)
	if ended && !o.IncludeEnded {
		return Series{}, false
	}

	amts := make([]int64, n)
	for i, m := range c.ms {
		amts[i] = m.it.AmountMinor
	}
	// Levels of price: with fixed amounts, runs within FixedTolerance; otherwise the
	// joined pieces, each of which varies within AmountTolerance.
	runs := fixedRuns(amts, o.FixedTolerance)
	stepFixed := true
	for _, r := range runs[:len(runs)-1] {
		// A price level needs two occurrences; lone deviations mean a varying bill.
		stepFixed = stepFixed && r[1]-r[0] >= 2
	}
	levels := runs
	if !stepFixed {
		levels = [][2]int{{0, n}}
		for _, st := range c.starts {
			levels[len(levels)-1][1] = st
			levels = append(levels, [2]int{st, n})
		}
	}
	cur := levels[len(levels)-1]
	changed := false
	var prevAmt int64
	if len(levels) >= 2 {
		p := levels[len(levels)-2]
		prevAmt = amts[p[1]-1]
		tolChange := o.FixedTolerance
		if !stepFixed {
			tolChange = o.AmountTolerance
			prevAmt = median(amts[max(p[0], p[1]-recentN):p[1]])
		}
		changed = math.Abs(float64(median(amts[cur[0]:cur[1]])-prevAmt)) > tolChange*math.Abs(float64(prevAmt))
	}
	if !changed {
		cur = [2]int{0, n}
		prevAmt = 0
		if n >= 2 {
			prevAmt = amts[n-2]
		}
	}
	typical := median(amts[max(cur[0], cur[1]-recentN):cur[1]])

	// At the bare minimum count, loosely similar amounts or a missed date are too
	// easily a coincidence of unrelated purchases; such a series needs one more
	// occurrence.
	if n == o.MinOccurrences[cad] && (!stepFixed || len(runs) > 1 || lastK-c.ms[0].k+1 > n) {
		return Series{}, false
	}
	conf := c.confidence(levels, amts, tol, o)
	if conf < o.MinConfidence {
		return Series{}, false
	}

	lastTxn := c.ms[n-1].it
	s := Series{
		MerchantKey:         key.merchant,
		Merchant:            lastTxn.Merchant,
		Category:            lastTxn.Category,
		Currency:            key.currency,
		Cadence:             cad,
		Occurrences:         n,
		First:               c.ms[0].it.Date,
		Last:                lastTxn.Date,
		TypicalAmountMinor:  typical,
		LastAmountMinor:     lastTxn.AmountMinor,
		AmountChanged:       changed,
		PreviousAmountMinor: prevAmt,
		NextDate:            c.sched.at(lastK + 1).in(lastTxn.Date.Location()),
		NextAmountMinor:     typical,
		Confidence:          conf,
		Subscription:        key.out && stepFixed && (cad == Weekly || cad == Monthly || cad == Yearly),
		Ended:               ended,
		sched:               c.sched,
		nextK:               lastK + 1,
	}
	if changed {
		s.AmountChangedAt = c.ms[cur[0]].it.Date
	}
	for _, m := range c.ms {
		s.TxnIDs = append(s.TxnIDs, m.it.ID)
	}
	return s, true
}

// fixedRuns splits amounts into maximal runs within tol of the run's first amount,
// as [start, end) index pairs.
func fixedRuns(a []int64, tol float64) [][2]int {
	var runs [][2]int
	start := 0
	for i := 1; i <= len(a); i++ {
		if i == len(a) || math.Abs(float64(a[i]-a[start])) > tol*math.Abs(float64(a[start])) {
			runs = append(runs, [2]int{start, i})
			start = i
		}
	}
	return runs
}

func median(a []int64) int64 {
	s := slices.Clone(a)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return int64(math.Round(float64(s[n/2-1]+s[n/2]) / 2))
}

func medianAmt(items []*item) int64 {
	a := make([]int64, len(items))
	for i, it := range items {
		a[i] = it.amt
	}
	return median(a)
}

func clamp01(x float64) float64 { return max(0, min(1, x)) }

// periodDays is a cadence's mean length.
func (c Cadence) periodDays() float64 {
	if d := c.days(); d > 0 {
		return float64(d)
	}
	return float64(c.months()) * 365.2425 / 12
}

// confidence combines, each in [0,1]:
//   - the share of expected dates in the span that were hit;
//   - purity: the share of similar-amount payments in the span that belong to it;
//   - background: how unlikely the merchant's other payments of similar amount
//     would have hit an expected date, and a whole run of them, by chance — a
//     grocery visited about weekly fills a weekly calendar for a month now and
//     then;
//   - per-occurrence quality from amount stability within each price level and
//     timing precision, accumulated over the occurrences so that a long series
//     of a varying bill is certain while three loosely aligned payments are not.
func (c *chain) confidence(levels [][2]int, amts []int64, tol int, o *Options) float64 {
	n := len(c.ms)
	cad := c.sched.cad
	hitShare := float64(n) / float64(c.ms[n-1].k-c.ms[0].k+1)
	purity := float64(n) / float64(n+c.extras)

	// Background: payments in the chain's amount clusters other than its own, as a
	// daily rate; p is the chance one lands in a given date window, and there are
	// about window/period places a run could start.
	seen := map[int]bool{}
	others := -n
	for _, m := range c.ms {
		if !seen[m.it.cluster] {
			seen[m.it.cluster] = true
			others += c.g.clusterSize[m.it.cluster]
		}
	}
	period := cad.periodDays()
	window := max(float64(c.g.window), period)
	p := 1 - math.Exp(-float64(max(others, 0))/window*float64(2*tol+1))
	background := (1 - p) * (1 - min(1, window/period*math.Pow(p, float64(n-1))))

	var dev float64
	for _, l := range levels {
		med := float64(median(amts[l[0]:l[1]]))
		for _, a := range amts[l[0]:l[1]] {
			dev += math.Abs(float64(a)-med) / math.Abs(med)
		}
	}
	amount := clamp01(1 - dev/float64(n)/o.AmountTolerance)
	// Timing tells only as much as the tolerance window is narrower than the
	// period: a weekly window of ±3 days covers every day.
	timing := 1.0
	if tol > 0 {
		// Spread around the mean offset: with two occurrences the fitted phase sits
		// on one of them, so offsets from it would double-count the difference.
		var mean, off float64
		for _, m := range c.ms {
			mean += float64(m.off) / float64(n)
		}
		for _, m := range c.ms {
			off += math.Abs(float64(m.off) - mean)
		}
		informative := clamp01(1 - float64(2*tol+1)/period)
		timing = clamp01(1 - informative*off/float64(n)/float64(tol))
	}
	quality := math.Pow(amount*timing, qualityExp/float64(n-1))
	return hitShare * purity * background * quality
}
