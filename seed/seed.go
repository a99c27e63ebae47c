// Package seed generates deterministic, realistic demo bank transactions for
// one person: a checking account and a credit card with raw bank-style
// descriptions, integer-cent amounts and a hidden ground-truth category
// (Plaid personal-finance primary category) usable for evaluation.
//
// All money is computed in int64 cents and formatted only at the end; the
// generator uses math/rand/v2 with a PCG source, so a given (end, months,
// seed) always yields the same transactions.
package seed

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Txn is one generated bank transaction.
type Txn struct {
	Date        time.Time // UTC midnight of the posting day
	Description string    // raw bank description, e.g. "SQ *BLUE BOTTLE COFFEE"
	Amount      string    // decimal string with 2 decimals, negative = money out
	Currency    string    // always "USD"
	Account     string    // AccountChecking or AccountCreditCard
	Category    string    // ground-truth Plaid primary category (hidden label)
	// Series names the scheduled payment this one belongs to (salary, rent, a bill, a
	// subscription, the card's autopay, a yearly fee); "" for everyday spending. It is the
	// ground truth for measuring recurring-series detection.
	Series string
}

// Account names used by the generator.
const (
	AccountChecking   = "checking"
	AccountCreditCard = "credit-card"
)

// Plaid primary categories used as ground-truth labels.
const (
	catIncome       = "INCOME"
	catTransferIn   = "TRANSFER_IN"
	catTransferOut  = "TRANSFER_OUT"
	catLoan         = "LOAN_PAYMENTS"
	catBankFees     = "BANK_FEES"
	catEntertain    = "ENTERTAINMENT"
	catFood         = "FOOD_AND_DRINK"
	catMerchandise  = "GENERAL_MERCHANDISE"
	catHome         = "HOME_IMPROVEMENT"
	catMedical      = "MEDICAL"
	catPersonalCare = "PERSONAL_CARE"
	catServices     = "GENERAL_SERVICES"
	catGovernment   = "GOVERNMENT_AND_NON_PROFIT"
	catTransport    = "TRANSPORTATION"
	catTravel       = "TRAVEL"
	catRentUtil     = "RENT_AND_UTILITIES"
)

var categories = []string{
	catIncome, catTransferIn, catTransferOut, catLoan, catBankFees,
	catEntertain, catFood, catMerchandise, catHome, catMedical,
	catPersonalCare, catServices, catGovernment, catTransport, catTravel,
	catRentUtil,
}

// Categories returns the 16 Plaid primary categories a Txn.Category can take.
func Categories() []string { return slices.Clone(categories) }

// Generate returns about months months of transactions ending at end
// (inclusive, truncated to the UTC day), sorted by date then description.
// The output is fully determined by (end, months, seed). It returns nil when
// months <= 0.
func Generate(end time.Time, months int, seed int64) []Txn {
	if months <= 0 {
		return nil
	}
	g := newGen(end, months, seed)
	g.run()
	out := g.out
	slices.SortStableFunc(out, func(a, b Txn) int {
		return cmp.Or(
			a.Date.Compare(b.Date),
			strings.Compare(a.Description, b.Description),
			strings.Compare(a.Amount, b.Amount),
			strings.Compare(a.Account, b.Account),
		)
	})
	return out
}

// WriteCSV writes txns as CSV with the header Date,Description,Amount,Currency
// and dates formatted as 2006-01-02. Account and Category are not written.
func WriteCSV(w io.Writer, txns []Txn) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"Date", "Description", "Amount", "Currency"}); err != nil {
		return err
	}
	for _, t := range txns {
		rec := []string{t.Date.Format(time.DateOnly), t.Description, t.Amount, t.Currency}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Accounts returns the distinct accounts of txns in first-seen order.
func Accounts(txns []Txn) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range txns {
		if !seen[t.Account] {
			seen[t.Account] = true
			out = append(out, t.Account)
		}
	}
	return out
}

// formatCents renders integer cents as a signed decimal string: -475 -> "-4.75".
func formatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign = "-"
		c = -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
