package ledger

import (
	"strings"
	"testing"

	"github.com/aithena/aithena/forecast"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
)

func TestBudgetAlert(t *testing.T) {
	u := uuid.New()
	b := store.Budget{Category: "FOOD_AND_DRINK", AmountMinor: 40000, Currency: "USD", SpentMinor: 10000}
	if _, ok := budgetAlert(u, b, forecast.CategoryForecast{MonthEndMinor: 39000}, "2026-11"); ok {
		t.Fatal("an alert for a month-end forecast under budget")
	}
	a, ok := budgetAlert(u, b, forecast.CategoryForecast{MonthEndMinor: 45000, MonthEndLowMinor: 41000, MonthEndHighMinor: 50000,
		Method: forecast.MethodMedian, BeatMean: true}, "2026-11")
	if !ok || a.Kind != vocab.AlertBudgetAtRisk || a.DedupeKey != "budget_at_risk:FOOD_AND_DRINK:2026-11" ||
		!strings.Contains(a.Message, "forecast by median, likely between 410.00 USD and 500.00 USD") {
		t.Fatalf("at risk = %+v, %v", a, ok)
	}
	a, _ = budgetAlert(u, b, forecast.CategoryForecast{MonthEndMinor: 45000, Method: forecast.MethodMean}, "2026-11")
	if !strings.Contains(a.Message, "average of past months") {
		t.Fatalf("a forecast that is only the mean does not say so: %q", a.Message)
	}
	b.SpentMinor = 40000
	a, ok = budgetAlert(u, b, forecast.CategoryForecast{}, "2026-11")
	if !ok || a.Kind != vocab.AlertBudgetExceeded || a.DedupeKey != "budget_exceeded:FOOD_AND_DRINK:2026-11" {
		t.Fatalf("exceeded = %+v, %v", a, ok)
	}
}
