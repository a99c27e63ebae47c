package ledger

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func TestParseNamesEveryBadField(t *testing.T) {
	cases := []struct {
		raw    Raw
		fields []string
	}{
		{Raw{Date: "2026-11-20", Amount: "-4.50", Currency: "usd", Description: "Coffee"}, nil},
		{Raw{Date: "2026-11-20", Amount: "1200", Currency: "JPY", Description: "Salary"}, nil},
		{Raw{Date: "", Amount: "", Currency: "", Description: ""}, []string{"currency", "amount", "date", "description"}},
		{Raw{Date: "20/11/2026", Amount: "-4.50", Currency: "USD", Description: "x"}, []string{"date"}},
		{Raw{Date: "2027-01-01", Amount: "-4.50", Currency: "USD", Description: "x"}, []string{"date"}},
		{Raw{Date: "1969-12-31", Amount: "-4.50", Currency: "USD", Description: "x"}, []string{"date"}},
		{Raw{Date: "2026-11-20", Amount: "-4.505", Currency: "USD", Description: "x"}, []string{"amount"}},
		{Raw{Date: "2026-11-20", Amount: "0", Currency: "USD", Description: "x"}, []string{"amount"}},
		{Raw{Date: "2026-11-20", Amount: "99999999999999", Currency: "USD", Description: "x"}, []string{"amount"}},
		{Raw{Date: "2026-11-20", Amount: "-4.50", Currency: "XYZ", Description: "x"}, []string{"currency"}},
		{Raw{Date: "2026-11-20", Amount: "-4.50", Currency: "USD", Description: strings.Repeat("é", 501)}, []string{"description"}},
		{Raw{Date: "2026-11-20", Amount: "-4.50", Currency: "USD", Description: "a\x00b"}, []string{"description"}},
	}
	for _, c := range cases {
		_, _, _, _, err := Parse(c.raw, "x.", now)
		var ve ValidationError
		if c.fields == nil {
			if err != nil {
				t.Errorf("%+v: unexpected %v", c.raw, err)
			}
			continue
		}
		if !errors.As(err, &ve) {
			t.Fatalf("%+v: got %v, want a ValidationError", c.raw, err)
		}
		var got []string
		for _, f := range ve {
			got = append(got, strings.TrimPrefix(f.Field, "x."))
			if !strings.HasPrefix(f.Field, "x.") || f.Message == "" {
				t.Errorf("field %+v lacks prefix or message", f)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.fields, ",") {
			t.Errorf("%+v: fields %v, want %v", c.raw, got, c.fields)
		}
	}
}

func TestParseAmountExactly(t *testing.T) {
	_, _, a, cur, err := Parse(Raw{Date: "2026-11-20", Amount: "-1,234.56", Currency: "eur", Description: "x"}, "", now)
	if err != nil || a != -123456 || cur != "EUR" {
		t.Fatalf("got %d %s %v", a, cur, err)
	}
}

func TestParseTimeOfDay(t *testing.T) {
	_, at, _, _, err := Parse(Raw{Date: "2026-11-20", Time: "03:12", Amount: "-1", Currency: "USD", Description: "x"}, "", now)
	if err != nil || at == nil || !at.Equal(time.Date(2026, 11, 20, 3, 12, 0, 0, time.UTC)) {
		t.Fatalf("got %v %v", at, err)
	}
	_, _, _, _, err = Parse(Raw{Date: "2026-11-20", Time: "25:00", Amount: "-1", Currency: "USD", Description: "x"}, "", now)
	var ve ValidationError
	if !errors.As(err, &ve) || ve[0].Field != "time" {
		t.Fatalf("bad time: %v", err)
	}
}

func TestTransactionIDIsStablePerUserAndKey(t *testing.T) {
	u1, u2 := uuid.New(), uuid.New()
	if TransactionID(u1, "k") != TransactionID(u1, "k") || TransactionID(u1, "k") == TransactionID(u2, "k") || TransactionID(u1, "k") == TransactionID(u1, "j") {
		t.Fatal("transaction IDs must be a function of user and key")
	}
}

func TestValidateSubmission(t *testing.T) {
	ok := Submission{UserID: uuid.New(), AccountID: uuid.New(), IdempotencyKey: "k", PostedAt: now,
		AmountMinor: -450, Currency: "USD", Description: "x"}
	if err := Validate(ok, now); err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.Currency, bad.AmountMinor, bad.IdempotencyKey = "ZZZ", 0, ""
	var ve ValidationError
	if !errors.As(Validate(bad, now), &ve) || len(ve) != 3 {
		t.Fatalf("got %v", ve)
	}
}
