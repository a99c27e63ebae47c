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
	anchor date // the anchor occurrence
	day    int  // the anchor's day of month, which month-based dates clamp to
	phase  int  // days added to every date: the median jitter, so the grid sits on the nominal billing day
}

func newSchedule(cad Cadence, anchor date) schedule {
	_, _, d := anchor.ymd()
	return schedule{cad: cad, anchor: anchor, day: d}
}

// at is the k-th expected date.
func (s schedule) at(k int) date {
	if m := s.cad.months(); m > 0 {
		y, mo, _ := s.anchor.ymd()
		total := mo - 1 + k*m
		y += floorDiv(total, 12)
		mo = total - floorDiv(total, 12)*12 + 1
		return dateOf(y, mo, min(s.day, daysIn(y, mo))) + date(s.phase)
	}
	return s.anchor + date(k*s.cad.days()+s.phase)
}

// slot returns the index of the expected date nearest to d and d's offset from it
// in days.
func (s schedule) slot(d date) (k, off int) {
	if m := s.cad.months(); m > 0 {
		ay, am, _ := s.anchor.ymd()
		y, mo, _ := d.ymd()
		k0 := floorDiv((y-ay)*12+mo-am, m)
		off = math.MaxInt32
		// The phase is at most a date tolerance (≤ a few days), far less than a month,
		// so the nearest date is always within one period of the calendar guess.
		for c := k0 - 1; c <= k0+1; c++ {
			if o := int(d - s.at(c)); abs(o) < abs(off) {
				k, off = c, o
			}
		}
		return k, off
	}
	step := s.cad.days()
	diff := int(d-s.anchor) - s.phase
	k = floorDiv(diff+step/2, step)
	return k, diff - k*step
}

// date is a calendar date as days since 1970-01-01: fitting does millions of date
// computations, which plain integers make cheap and exact whatever the time zone.
type date int

// civil is t's calendar date in its own location.
func civil(t time.Time) date {
	y, m, d := t.Date()
	return dateOf(y, int(m), d)
}

// in is midnight of d in loc.
func (d date) in(loc *time.Location) time.Time {
	y, m, dd := d.ymd()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, loc)
}

// dateOf and ymd convert between proleptic Gregorian dates and day numbers
// (H. Hinnant's days_from_civil and civil_from_days).
func dateOf(y, m, d int) date {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return date(era*146097 + doe - 719468)
}

func (d date) ymd() (y, m, dd int) {
	z := int(d) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, dd
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
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
