package recurring

import (
	"math"
	"time"
)

// Cadence is how often a recurring series repeats.
type Cadence string

// The cadences Detect looks for. Month-based cadences follow the calendar, clamping
// to the month's last day (Jan 31 → Feb 28 → Mar 31).
const (
	Weekly    Cadence = "weekly"    // every 7 days
	BiWeekly  Cadence = "biweekly"  // every 14 days
	Monthly   Cadence = "monthly"   // same day each calendar month
	Quarterly Cadence = "quarterly" // same day every 3 months
	Yearly    Cadence = "yearly"    // same date each year
)

// cadences in the order they are tried; on equal fit the shorter one wins.
var cadences = []Cadence{Weekly, BiWeekly, Monthly, Quarterly, Yearly}

// days is the period of day-based cadences, 0 for month-based ones.
func (c Cadence) days() int {
	switch c {
	case Weekly:
		return 7
	case BiWeekly:
		return 14
	}
	return 0
}

// months is the period of month-based cadences, 0 for day-based ones.
func (c Cadence) months() int {
	switch c {
	case Monthly:
		return 1
	case Quarterly:
		return 3
	case Yearly:
		return 12
	}
	return 0
}

// schedule is a fitted calendar: the k-th expected date counted from an anchor
// occurrence. Expected dates are derived from the anchor rather than chained from
// the previous one, so month-end clamping does not drift (Jan 31 → Feb 28 → Mar 31,
// not → Mar 28) and one late payment does not shift the rest.
type schedule struct {
	cad    Cadence
	anchor time.Time // civil date of the anchor occurrence
	day    int       // the anchor's day of month, which month-based dates clamp to
	phase  int       // days added to every date: the median jitter, so the grid sits on the nominal billing day
}

// at is the k-th expected date (civil, UTC midnight).
func (s schedule) at(k int) time.Time {
	if m := s.cad.months(); m > 0 {
		return clampDate(s.anchor.Year(), s.anchor.Month()+time.Month(k*m), s.day).AddDate(0, 0, s.phase)
	}
	return s.anchor.AddDate(0, 0, k*s.cad.days()+s.phase)
}

// slot returns the index of the expected date nearest to the civil date d and d's
// offset from it in days.
func (s schedule) slot(d time.Time) (k, off int) {
	if m := s.cad.months(); m > 0 {
		md := (d.Year()-s.anchor.Year())*12 + int(d.Month()) - int(s.anchor.Month())
		k0 := floorDiv(md, m)
		off = math.MaxInt32
		// The phase is at most a date tolerance (≤ a few days), far less than a month,
		// so the nearest date is always within one period of the calendar guess.
		for c := k0 - 1; c <= k0+1; c++ {
			if o := daysBetween(s.at(c), d); abs(o) < abs(off) {
				k, off = c, o
			}
		}
		return k, off
	}
	step := s.cad.days()
	diff := daysBetween(s.anchor, d) - s.phase
	k = floorDiv(diff+step/2, step)
	return k, diff - k*step
}

// clampDate is day d of the given month (which may overflow into later years), or
// the month's last day when it is shorter.
func clampDate(y int, m time.Month, d int) time.Time {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// civil is t's calendar date in its own location as UTC midnight, so that day
// arithmetic is exact whatever the zone or daylight-saving shifts.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// inLoc turns a civil date back into midnight in loc.
func inLoc(d time.Time, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// daysBetween is b − a in whole days for civil dates.
func daysBetween(a, b time.Time) int {
	return int(math.Round(b.Sub(a).Hours() / 24))
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func abs[T int | int64 | float64](x T) T {
	if x < 0 {
		return -x
	}
	return x
}
