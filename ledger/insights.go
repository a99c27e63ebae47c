package ledger

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/aithena/aithena/forecast"
	"github.com/aithena/aithena/recurring"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
)

// historyWindow is how far back insights look: enough for yearly series and seasonality.
const historyWindow = 25 // months

func (s *Service) movements(ctx context.Context, userID uuid.UUID, now time.Time) ([]store.Movement, error) {
	return s.Store.Movements(ctx, userID, now.AddDate(0, -historyWindow, 0))
}

func toRecurring(ms []store.Movement) []recurring.Txn {
	out := make([]recurring.Txn, len(ms))
	for i, m := range ms {
		out[i] = recurring.Txn{ID: m.ID.String(), Date: m.PostedAt, AmountMinor: m.AmountMinor, Currency: m.Currency,
			MerchantKey: m.MerchantKey, Merchant: m.Merchant, Category: m.Category}
	}
	return out
}

// Recurring detects the user's recurring payments and income as of now.
func (s *Service) Recurring(ctx context.Context, userID uuid.UUID, now time.Time) ([]recurring.Series, error) {
	ms, err := s.movements(ctx, userID, now)
	if err != nil {
		return nil, err
	}
	return recurring.Detect(toRecurring(ms), recurring.DefaultOptions(now)), nil
}

// Forecast predicts the user's spending per category for the rest of this month and next
// month, in their home currency: the recurring series' expected charges plus a model of the rest.
func (s *Service) Forecast(ctx context.Context, userID uuid.UUID, now time.Time) (forecast.Forecast, []recurring.Series, error) {
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return forecast.Forecast{}, nil, err
	}
	ms, err := s.movements(ctx, userID, now)
	if err != nil {
		return forecast.Forecast{}, nil, err
	}
	series := recurring.Detect(toRecurring(ms), recurring.DefaultOptions(now))
	hist, upcoming := forecastInputs(ms, series, u.Currency, now)
	return forecast.Predict(hist, upcoming, now), series, nil
}

// forecastInputs keeps the home currency's movements, marks those in recurring series, and
// lists each money-out series' charges expected until the end of next month.
func forecastInputs(ms []store.Movement, series []recurring.Series, currency string, now time.Time) ([]forecast.Txn, []forecast.Expected) {
	inSeries := map[string]bool{}
	for _, sr := range series {
		for _, id := range sr.TxnIDs {
			inSeries[id] = true
		}
	}
	var hist []forecast.Txn
	for _, m := range ms {
		if m.Currency == currency {
			hist = append(hist, forecast.Txn{Date: m.PostedAt, AmountMinor: m.AmountMinor, Category: m.Category, Recurring: inSeries[m.ID.String()]})
		}
	}
	end := time.Date(now.Year(), now.Month()+2, 1, 0, 0, 0, 0, time.UTC)
	var upcoming []forecast.Expected
	for _, sr := range recurring.Upcoming(series, now, end.Sub(now)) {
		if sr.Currency == currency && sr.NextAmountMinor < 0 {
			upcoming = append(upcoming, forecast.Expected{Category: sr.Category, Date: sr.NextDate, AmountMinor: sr.NextAmountMinor})
		}
	}
	return hist, upcoming
}

// Backtest measures the forecast against the seasonal-naive and mean baselines on the user's
// history, month by month.
func (s *Service) Backtest(ctx context.Context, userID uuid.UUID, now time.Time) (forecast.BacktestResult, error) {
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return forecast.BacktestResult{}, err
	}
	ms, err := s.movements(ctx, userID, now)
	if err != nil {
		return forecast.BacktestResult{}, err
	}
	return BacktestMovements(ms, u.Currency, now)
}

// BacktestMovements backtests the forecast on movements in one currency as of now: the
// recurring series are detected on them, the first (usually partial) month is left out, and
// every whole month from the second one to last month is predicted from the months before it.
func BacktestMovements(ms []store.Movement, currency string, now time.Time) (forecast.BacktestResult, error) {
	series := recurring.Detect(toRecurring(ms), recurring.DefaultOptions(now))
	hist, _ := forecastInputs(ms, series, currency, now)
	if len(hist) == 0 {
		return forecast.BacktestResult{}, fmt.Errorf("no history to backtest on")
	}
	// The first month is usually partial (history starts mid-month): leave it out, so every
	// month a method learns from is whole, and predict from the second whole month on.
	first := hist[0].Date
	start := time.Date(first.Year(), first.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	for len(hist) > 0 && hist[0].Date.Before(start) {
		hist = hist[1:]
	}
	from := start.AddDate(0, 1, 0)
	to := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	if len(hist) == 0 || to.Before(from) {
		return forecast.BacktestResult{}, fmt.Errorf("backtesting needs at least two whole months of history")
	}
	return forecast.Backtest(hist, from, to), nil
}

// How far ahead a charge is upcoming, and how recent a new subscription is.
const (
	upcomingWithin        = 3 * 24 * time.Hour
	newSubscriptionWithin = 100 * 24 * time.Hour
)

// ProactiveAlerts raises the alerts a daily look at the user's money calls for. Each
// condition has a dedupe key (per category and month, per charge date, per price), so a
// condition alerts once however often this runs. It returns the kinds newly raised.
func (s *Service) ProactiveAlerts(ctx context.Context, userID uuid.UUID, now time.Time) ([]vocab.AlertKind, error) {
	fc, series, err := s.Forecast(ctx, userID, now)
	if err != nil {
		return nil, err
	}
	budgets, err := s.Store.Budgets(ctx, userID, now)
	if err != nil {
		return nil, err
	}
	month := now.Format("2006-01")
	var alerts []store.NewAlert
	add := func(kind vocab.AlertKind, severity vocab.Severity, key, msg string) {
		alerts = append(alerts, store.NewAlert{UserID: userID, Kind: kind, Severity: severity, Message: msg, DedupeKey: string(kind) + ":" + key})
	}
	byCat := map[string]forecast.CategoryForecast{}
	for _, c := range fc.Categories {
		byCat[c.Category] = c
	}
	for _, b := range budgets {
		if a, ok := budgetAlert(userID, b, byCat[b.Category], month); ok {
			alerts = append(alerts, a)
		}
	}
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	f := fmtMoney(u.Currency)
	elapsed := float64(now.Day()) / float64(daysIn(now))
	for _, c := range fc.Categories {
		// Well above its usual pace: half again what a typical month would have spent by today.
		pace := float64(c.NextMonthMinor) * elapsed
		if c.NextMonthMinor > 0 && float64(c.SpentSoFarMinor) > 1.5*pace && c.SpentSoFarMinor-int64(pace) >= 5000 {
			add(vocab.AlertAboveForecast, vocab.SeverityInfo, c.Category+":"+month, fmt.Sprintf("%s is running well above usual: %s so far this month against about %s by this time in a typical month.",
				c.Category, f(c.SpentSoFarMinor), f(int64(pace))))
		}
	}
	for _, sr := range series {
		if sr.NextAmountMinor >= 0 {
			continue
		}
		g := fmtMoney(sr.Currency)
		if d := sr.NextDate.Sub(now); d >= 0 && d <= upcomingWithin {
			add(vocab.AlertUpcomingCharge, vocab.SeverityInfo, sr.MerchantKey+":"+sr.NextDate.Format("2006-01-02"), fmt.Sprintf("%s will likely charge %s on %s.",
				sr.Merchant, g(-sr.NextAmountMinor), sr.NextDate.Format("Mon 2 Jan")))
		}
		if sr.Subscription && now.Sub(sr.First) <= newSubscriptionWithin {
			add(vocab.AlertNewSubscription, vocab.SeverityInfo, sr.MerchantKey+":"+sr.Currency, fmt.Sprintf("New subscription: %s, %s %s since %s.",
				sr.Merchant, g(-sr.TypicalAmountMinor), sr.Cadence, sr.First.Format("2 Jan 2006")))
		}
		if sr.Subscription && sr.AmountChanged && sr.LastAmountMinor < sr.PreviousAmountMinor {
			add(vocab.AlertPriceIncrease, vocab.SeverityWarning, fmt.Sprintf("%s:%d", sr.MerchantKey, sr.LastAmountMinor), fmt.Sprintf("%s went up from %s to %s.",
				sr.Merchant, g(-sr.PreviousAmountMinor), g(-sr.LastAmountMinor)))
		}
	}
	return s.raise(ctx, alerts)
}

// budgetAlert is the alert a budget calls for this month, if any: exceeded once spending
// reaches it, at risk while the category's forecast for the month end is over it. The
// dedupe key (kind, category, month) makes each threshold alert once a month, whether the
// daily run or a stored transaction finds it first. A forecast that is only the mean of
// past months (no model beat it for this category) says so.
func budgetAlert(userID uuid.UUID, b store.Budget, c forecast.CategoryForecast, month string) (store.NewAlert, bool) {
	f := fmtMoney(b.Currency)
	alert := func(kind vocab.AlertKind, severity vocab.Severity, msg string) (store.NewAlert, bool) {
		return store.NewAlert{UserID: userID, Kind: kind, Severity: severity, Message: msg,
			DedupeKey: string(kind) + ":" + b.Category + ":" + month}, true
	}
	switch {
	case b.SpentMinor >= b.AmountMinor:
		return alert(vocab.AlertBudgetExceeded, vocab.SeverityWarning, fmt.Sprintf("You have spent %s of your %s budget for %s this month.",
			f(b.SpentMinor), f(b.AmountMinor), b.Category))
	case c.MonthEndMinor > b.AmountMinor:
		basis := fmt.Sprintf("forecast by %s, likely between %s and %s", c.Method, f(c.MonthEndLowMinor), f(c.MonthEndHighMinor))
		if !c.BeatMean {
			basis = "forecast by the average of past months: no model predicted this category better"
		}
		return alert(vocab.AlertBudgetAtRisk, vocab.SeverityInfo, fmt.Sprintf("%s is on course for %s this month, over its %s budget (%s spent so far; %s).",
			b.Category, f(c.MonthEndMinor), f(b.AmountMinor), f(b.SpentMinor), basis))
	}
	return store.NewAlert{}, false
}

// BudgetAlerts checks the budget of a stored transaction's category as soon as the
// transaction is stored, rather than waiting for the daily run: the pipeline's alert step
// calls it. Only money out posted in now's month counts (an imported old statement does not
// alert about this month), and only when the category has a budget; rows of an import are
// checked against the budget itself, not the forecast. It returns the kinds newly raised.
func (s *Service) BudgetAlerts(ctx context.Context, t store.Transaction, now time.Time) ([]vocab.AlertKind, error) {
	if t.AmountMinor >= 0 || t.Status == vocab.StatusFlagged || t.PostedAt.Year() != now.Year() || t.PostedAt.Month() != now.Month() {
		return nil, nil
	}
	budgets, err := s.Store.Budgets(ctx, t.UserID, now)
	if err != nil {
		return nil, fmt.Errorf("load budgets for %s: %w", t.UserID, err)
	}
	i := slices.IndexFunc(budgets, func(b store.Budget) bool { return b.Category == t.Category && b.Currency == t.Currency })
	if i < 0 {
		return nil, nil
	}
	b := budgets[i]
	var c forecast.CategoryForecast
	if b.SpentMinor < b.AmountMinor && t.ImportID == nil {
		// Only an unexceeded budget needs the forecast, and an import's rows leave it to the
		// daily run: a forecast per row would cost more than the row.
		fc, _, err := s.Forecast(ctx, t.UserID, now)
		if err != nil {
			return nil, fmt.Errorf("forecast %s for its budget: %w", t.Category, err)
		}
		for _, x := range fc.Categories {
			if x.Category == b.Category {
				c = x
			}
		}
	}
	a, ok := budgetAlert(t.UserID, b, c, now.Format("2006-01"))
	if !ok {
		return nil, nil
	}
	return s.raise(ctx, []store.NewAlert{a})
}

func fmtMoney(currency string) func(int64) string {
	return func(minor int64) string { return formatAmount(minor, currency) }
}

func daysIn(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
