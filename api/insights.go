package api

import (
	"net/http"

	"github.com/aithena/aithena/money"
)

type seriesView struct {
	Merchant      string  `json:"merchant"`
	Category      string  `json:"category"`
	Cadence       string  `json:"cadence"`
	Currency      string  `json:"currency"`
	Amount        string  `json:"amount"`
	NextDate      string  `json:"next_date"`
	NextAmount    string  `json:"next_amount"`
	Occurrences   int     `json:"occurrences"`
	First         string  `json:"first"`
	Last          string  `json:"last"`
	Subscription  bool    `json:"subscription"`
	PriceChanged  bool    `json:"price_changed"`
	PreviousPrice string  `json:"previous_amount,omitempty"`
	Confidence    float64 `json:"confidence"`
}

// listRecurring shows the detected recurring payments and income, next expected first.
func (s *Server) listRecurring(w http.ResponseWriter, r *http.Request) {
	series, err := s.Ledger.Recurring(r.Context(), userFrom(r.Context()).ID, s.Now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := make([]seriesView, len(series))
	for i, sr := range series {
		out[i] = seriesView{Merchant: sr.Merchant, Category: sr.Category, Cadence: string(sr.Cadence), Currency: sr.Currency,
			Amount: money.FormatIn(sr.TypicalAmountMinor, sr.Currency), NextDate: sr.NextDate.Format("2006-01-02"),
			NextAmount: money.FormatIn(sr.NextAmountMinor, sr.Currency), Occurrences: sr.Occurrences, First: sr.First.Format("2006-01-02"),
			Last: sr.Last.Format("2006-01-02"), Subscription: sr.Subscription, PriceChanged: sr.AmountChanged,
			Confidence: round3(sr.Confidence)}
		if sr.AmountChanged {
			out[i].PreviousPrice = money.FormatIn(sr.PreviousAmountMinor, sr.Currency)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": out})
}

type categoryForecastView struct {
	Category           string `json:"category"`
	SpentSoFar         string `json:"spent_so_far"`
	MonthEnd           string `json:"month_end"`
	MonthEndLow        string `json:"month_end_low"`
	MonthEndHigh       string `json:"month_end_high"`
	NextMonth          string `json:"next_month"`
	NextMonthLow       string `json:"next_month_low"`
	NextMonthHigh      string `json:"next_month_high"`
	RecurringRemaining string `json:"recurring_remaining"`
	Method             string `json:"method"`
	BeatMean           bool   `json:"beat_mean"`
}

// getForecast predicts this month's end and next month per category, in the user's currency.
func (s *Server) getForecast(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	fc, _, err := s.Ledger.Forecast(r.Context(), u.ID, s.Now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	f := func(v int64) string { return money.FormatIn(v, u.Currency) }
	cats := make([]categoryForecastView, len(fc.Categories))
	for i, c := range fc.Categories {
		cats[i] = categoryForecastView{
			Category: c.Category, SpentSoFar: f(c.SpentSoFarMinor),
			MonthEnd: f(c.MonthEndMinor), MonthEndLow: f(c.MonthEndLowMinor), MonthEndHigh: f(c.MonthEndHighMinor),
			NextMonth: f(c.NextMonthMinor), NextMonthLow: f(c.NextMonthLowMinor), NextMonthHigh: f(c.NextMonthHighMinor),
			RecurringRemaining: f(c.RecurringRemainingMinor), Method: c.Method, BeatMean: c.BeatMean,
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"as_of": fc.AsOf.Format("2006-01-02"), "month": fc.Month.Format("2006-01"), "currency": u.Currency,
		"month_end_total": f(fc.TotalMonthEndMinor), "next_month_total": f(fc.TotalNextMonthMinor), "categories": cats,
	})
}
