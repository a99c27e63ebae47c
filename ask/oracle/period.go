package oracle

import (
	"context"
	"time"
)

// span is an inclusive range of days; zero means all time.
type span struct{ from, to time.Time }

// env holds one user's rows and the calendar the expectations are written in.
type env struct {
	ctx     context.Context
	rows    []row
	day0    time.Time // today
	budgets map[string]budget
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func lastDay(y int, m time.Month) int { return date(y, m+1, 1).AddDate(0, 0, -1).Day() }

// The periods, written out longhand.
func (e *env) thisMonth() span { return span{date(e.day0.Year(), e.day0.Month(), 1), e.day0} }
func (e *env) lastMonth() span { return e.monthsBack(1) }
func (e *env) monthsBack(n int) span {
	y, m := e.day0.Year(), e.day0.Month()-time.Month(n)
	for m < 1 {
		m += 12
		y--
	}
	return span{date(y, m, 1), date(y, m, lastDay(y, m))}
}
func (e *env) month(m time.Month) span { // the latest m that has begun, up to today
	y := e.day0.Year()
	if m > e.day0.Month() {
		y--
	}
	s := span{date(y, m, 1), date(y, m, lastDay(y, m))}
	if s.to.After(e.day0) {
		s.to = e.day0
	}
	return s
}
func (e *env) before(s span) span { // the calendar month before a month
	first := s.from.AddDate(0, -1, 0)
	return span{first, date(first.Year(), first.Month(), lastDay(first.Year(), first.Month()))}
}
func (e *env) since(m time.Month) span { return span{e.month(m).from, e.day0} }
func (e *env) lastDays(n int) span     { return span{e.day0.AddDate(0, 0, -(n - 1)), e.day0} }
func (e *env) lastMonths(n int) span {
	y, m := e.day0.Year(), e.day0.Month()-time.Month(n)
	for m < 1 {
		m += 12
		y--
	}
	d := min(e.day0.Day(), lastDay(y, m))
	return span{date(y, m, d).AddDate(0, 0, 1), e.day0}
}
func (e *env) thisYear() span { return span{date(e.day0.Year(), 1, 1), e.day0} }
func (e *env) lastYear() span {
	return span{date(e.day0.Year()-1, 1, 1), date(e.day0.Year()-1, 12, 31)}
}
func (e *env) oneDay(back int) span {
	d := e.day0.AddDate(0, 0, -back)
	return span{d, d}
}
func (e *env) week(back int) span {
	monday := e.day0.AddDate(0, 0, -((int(e.day0.Weekday())+6)%7)-7*back)
	s := span{monday, monday.AddDate(0, 0, 6)}
	if s.to.After(e.day0) {
		s.to = e.day0
	}
	return s
}
func (e *env) threeFullMonths() span {
	return span{e.monthsBack(3).from, e.monthsBack(1).to}
}

// pick selects the rows a question is about: never fraud; money out (or in), the span, the
// category and the merchant key when given.
func (e *env) pick(s span, cat, key string, in bool) []row {
	var out []row
	for _, r := range e.rows {
		if r.Status == "fraud" || (in && r.Amount <= 0) || (!in && r.Amount >= 0) ||
			!s.from.IsZero() && (r.Day.Before(s.from) || r.Day.After(s.to)) ||
			cat != "" && r.Cat != cat || key != "" && r.Key != key {
			continue
		}
		out = append(out, r)
	}
	return out
}
