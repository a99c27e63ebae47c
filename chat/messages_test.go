package chat

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	got := Table([]string{"Category", "Oct", "Nov"}, [][]string{
		{"GROCERIES", "412.10", "380.00"},
		{"TRAVEL", "0.00", "1,210.50"},
	})
	want := "Category      Oct       Nov\n" +
		"---------------------------\n" +
		"GROCERIES  412.10    380.00\n" +
		"TRAVEL       0.00  1,210.50"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAlertMessage(t *testing.T) {
	text, kb := AlertMessage("fraud_suspected", "Was this you? QUICKCASH 3,200.00 EUR.", "abc")
	if !strings.HasPrefix(text, "*🚨 Suspicious payment*\n") || !strings.Contains(text, `3,200\.00 EUR\.`) {
		t.Fatalf("text: %q", text)
	}
	if len(kb) != 1 || kb[0][0].Data != "review:abc:legit" || kb[0][1].Data != "review:abc:fraud" {
		t.Fatalf("keyboard: %+v", kb)
	}
	if _, kb := AlertMessage("budget_exceeded", "You have spent 610.00 USD.", ""); kb != nil {
		t.Fatalf("a budget alert has no buttons: %+v", kb)
	}
}

func TestRows(t *testing.T) {
	b := []Button{{Text: "1"}, {Text: "2"}, {Text: "3"}, {Text: "4"}, {Text: "5"}}
	rows := Rows(b, 2)
	if len(rows) != 3 || len(rows[0]) != 2 || len(rows[2]) != 1 || rows[2][0].Text != "5" {
		t.Fatalf("rows: %+v", rows)
	}
	// A row is not a window onto the next: appending to it leaves the others alone.
	rows[0] = append(rows[0], Button{Text: "x"})
	if rows[1][0].Text != "3" {
		t.Fatalf("rows share memory: %+v", rows)
	}
	if Rows(nil, 3) != nil {
		t.Fatal("no buttons, no rows")
	}
}
