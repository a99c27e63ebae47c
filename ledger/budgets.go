package ledger

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aithena/aithena/money"
	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// SetBudget sets the user's monthly budget for a category from an amount as a person types
// it ("400", "400.00"), in the user's currency. Whatever is wrong comes back as a
// ValidationError naming the field. It returns the amount in minor units.
func (s *Service) SetBudget(ctx context.Context, u store.User, category, amount string) (int64, error) {
	fields, err := s.checkCategory(ctx, u, category)
	if err != nil {
		return 0, err
	}
	exp, _ := money.Exponent(u.Currency)
	minor, perr := money.ParseWithDecimal(amount, exp, '.')
	switch {
	case amount == "":
		fields = append(fields, FieldError{Field: "amount", Message: "is required (a monthly limit such as \"400.00\")"})
	case perr != nil:
		fields = append(fields, FieldError{Field: "amount", Message: perr.Error()})
	case minor <= 0:
		fields = append(fields, FieldError{Field: "amount", Message: "must be more than zero"})
	}
	if fields != nil {
		return 0, fields
	}
	return minor, s.Store.SetBudget(ctx, u.ID, category, minor, u.Currency)
}

// RemoveBudget removes the user's budget for a category; a name that is not one of the
// user's categories is a ValidationError (removing a budget that is not set is fine).
func (s *Service) RemoveBudget(ctx context.Context, u store.User, category string) error {
	fields, err := s.checkCategory(ctx, u, category)
	if err != nil {
		return err
	}
	if fields != nil {
		return fields
	}
	return s.Store.DeleteBudget(ctx, u.ID, category)
}

func (s *Service) checkCategory(ctx context.Context, u store.User, category string) (ValidationError, error) {
	ok, err := s.Store.CategoryExists(ctx, u.ID, category)
	if err != nil || ok {
		return nil, err
	}
	return ValidationError{{Field: "category", Message: fmt.Sprintf("%q is not one of your categories", category)}}, nil
}

// MonthComparison is spending by category in two months, in the user's currency.
type MonthComparison struct {
	A, B     time.Time // first days of the months
	Currency string
	Rows     []CategoryChange
	// Elsewhere counts transactions in other currencies, which the rows leave out.
	Elsewhere int64
}

// CategoryChange is one category's spending in both months.
type CategoryChange struct {
	Category string
	A, B     int64
}

// CompareMonths totals the user's spending by category in months a and b (any day of each).
func (s *Service) CompareMonths(ctx context.Context, userID uuid.UUID, a, b time.Time) (MonthComparison, error) {
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return MonthComparison{}, err
	}
	c := MonthComparison{A: monthStart(a), B: monthStart(b), Currency: u.Currency}
	var groups [2][]store.AskGroup
	for i, m := range []time.Time{c.A, c.B} {
		f := store.AskFilter{From: m, To: m.AddDate(0, 1, -1), Flow: store.AskOut}
		if groups[i], _, err = s.Store.AskGroups(ctx, userID, f, store.ByCategory, u.Currency, 0); err != nil {
			return c, err
		}
	}
	c.Rows, c.Elsewhere = compareGroups(groups[0], groups[1], u.Currency)
	return c, nil
}

// compareGroups joins two months' category totals in one currency, largest spending first,
// and counts the transactions in other currencies.
func compareGroups(a, b []store.AskGroup, currency string) ([]CategoryChange, int64) {
	by := map[string]*CategoryChange{}
	var elsewhere int64
	for i, groups := range [][]store.AskGroup{a, b} {
		for _, g := range groups {
			if g.Currency != currency {
				elsewhere += g.Count
				continue
			}
			r := by[g.Key]
			if r == nil {
				r = &CategoryChange{Category: g.Key}
				by[g.Key] = r
			}
			if i == 0 {
				r.A += g.SumMinor
			} else {
				r.B += g.SumMinor
			}
		}
	}
	rows := make([]CategoryChange, 0, len(by))
	for _, r := range by {
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool {
		mi, mj := max(rows[i].A, rows[i].B), max(rows[j].A, rows[j].B)
		if mi != mj {
			return mi > mj
		}
		return rows[i].Category < rows[j].Category
	})
	return rows, elsewhere
}

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
