package seed

import "time"

// Live is a payment the demo sends through the live pipeline after the history is imported,
// with its time of day. Fraud marks the planted frauds: the demo owner's verdict on them.
type Live struct {
	Txn
	Time  string // HH:MM, UTC
	Fraud bool
}

// LivePayments are the demo's recent payments: ordinary ones, and three planted frauds —
// a stolen-card burst, a large foreign purchase at 3 a.m. and a new merchant with an unusual
// amount — for the fraud detector and its report.
func LivePayments(end time.Time) []Live {
	day := func(back int) time.Time { return end.UTC().Truncate(24*time.Hour).AddDate(0, 0, -back) }
	card := func(back int, hhmm, desc, amount, currency, cat string, fraud bool) Live {
		return Live{Txn: Txn{Date: day(back), Description: desc, Amount: amount, Currency: currency,
			Account: AccountCreditCard, Category: cat}, Time: hhmm, Fraud: fraud}
	}
	return []Live{
		card(3, "08:12", "SQ *BLUE BOTTLE COFFEE", "-5.75", "USD", catFood, false),
		card(3, "12:40", "TST* SWEETGREEN 0142", "-14.20", "USD", catFood, false),
		card(3, "18:55", "WHOLEFDS MKT 10234", "-64.18", "USD", catFood, false),
		// Stolen card: five large online purchases inside an hour, after midnight.
		card(2, "01:07", "BESTBUY.COM 00011234", "-899.99", "USD", catMerchandise, true),
		card(2, "01:16", "APPLE.COM/US ONLINE STORE", "-1299.00", "USD", catMerchandise, true),
		card(2, "01:24", "GIFTCARDMALL.COM 8873", "-500.00", "USD", catMerchandise, true),
		card(2, "01:38", "NEWEGG MARKETPLACE", "-780.45", "USD", catMerchandise, true),
		card(2, "01:51", "TARGET.COM *ONLINE", "-452.10", "USD", catMerchandise, true),
		card(1, "08:05", "STARBUCKS STORE 04512", "-4.95", "USD", catFood, false),
		// A large purchase in a foreign currency at 3 a.m.
		card(1, "03:04", "MAISON LUXE PARIS 8E", "-2450.00", "EUR", catMerchandise, true),
		card(1, "13:10", "SHELL OIL 57442", "-48.30", "USD", catTransport, false),
		// A merchant never seen, with an amount far above anything usual.
		card(0, "15:22", "QUICKCASH ELECTRONICS LLC", "-3200.00", "USD", catMerchandise, true),
		card(0, "09:30", "SQ *BLUE BOTTLE COFFEE", "-6.25", "USD", catFood, false),
	}
}
