package oracle

import (
	"time"

	"github.com/aithena/aithena/ask"
)

// expectations maps every evaluation question to what its answer must be.
func (e *env) expectations() map[string]expectation {
	thisMonth, lastMonth, thisYear := (*env).thisMonth, (*env).lastMonth, (*env).thisYear
	month := func(m time.Month) spanOf { return func(e *env) span { return e.month(m) } }
	since := func(m time.Month) spanOf { return func(e *env) span { return e.since(m) } }
	days := func(n int) spanOf { return func(e *env) span { return e.lastDays(n) } }
	months := func(n int) spanOf { return func(e *env) span { return e.lastMonths(n) } }
	fixed := func(a, b string) spanOf {
		return func(*env) span {
			x, _ := time.Parse(time.DateOnly, a)
			y, _ := time.Parse(time.DateOnly, b)
			return span{x, y}
		}
	}
	allTime := func(*env) span { return span{} }
	const food, transport = "FOOD_AND_DRINK", "TRANSPORTATION"
	return map[string]expectation{
		"How much did I spend this month?":                                {ask.TotalSpend, spend(thisMonth, "", "", false)},
		"How much did I spend last month?":                                {ask.TotalSpend, spend(lastMonth, "", "", false)},
		"How much did I spend on groceries last month?":                   {ask.TotalSpend, spend(lastMonth, food, "", false)},
		"What did I spend at Starbucks in the last 30 days?":              {ask.TotalSpend, spend(days(30), "", "starbucks", false)},
		"How much have I spent on transportation this year?":              {ask.TotalSpend, spend(thisYear, transport, "", false)},
		"Total spent at Amazon since June":                                {ask.TotalSpend, spend(since(time.June), "", "amazon", false)},
		"how much did i spend on rent last month":                         {ask.TotalSpend, spend(lastMonth, "RENT_AND_UTILITIES", "", false)},
		"How much did I pay for Netflix in the last 3 months?":            {ask.TotalSpend, spend(months(3), "", "netflix", false)},
		"How much did I spend on food between 2026-09-01 and 2026-09-30?": {ask.TotalSpend, spend(fixed("2026-09-01", "2026-09-30"), food, "", false)},
		"How much did I spend yesterday?":                                 {ask.TotalSpend, spend(func(e *env) span { return e.oneDay(1) }, "", "", false)},
		"How much did I spend today?":                                     {ask.TotalSpend, spend(func(e *env) span { return e.oneDay(0) }, "", "", false)},
		"How much did I spend on Uber Eats in October?":                   {ask.TotalSpend, spend(month(time.October), "", "uber eats", false)},
		"spending on entertainment in the last 2 months":                  {ask.TotalSpend, spend(months(2), "ENTERTAINMENT", "", false)},
		"How much did I spend at Trader Joe's this year?":                 {ask.TotalSpend, spend(thisYear, "", "trader joes", false)},
		"how much did I spend on coffee last week":                        {ask.TotalSpend, spend(func(e *env) span { return e.week(1) }, food, "", false)},

		"What was my income last month?":      {ask.IncomeTotal, spend(lastMonth, "INCOME", "", true)},
		"How much did I earn this year?":      {ask.IncomeTotal, spend(thisYear, "INCOME", "", true)},
		"How much money came in last month?":  {ask.IncomeTotal, spend(lastMonth, "", "", true)},
		"How much did I get paid in October?": {ask.IncomeTotal, spend(month(time.October), "INCOME", "", true)},

		"Compare this month with last month":                               {ask.Compare, compare(thisMonth, lastMonth, "", "")},
		"Compare food spending this month vs last month":                   {ask.Compare, compare(thisMonth, lastMonth, food, "")},
		"Did I spend more on transportation in October than in September?": {ask.Compare, compare(month(time.October), month(time.September), transport, "")},
		"Amazon spending: October vs the month before": {ask.Compare, compare(month(time.October),
			func(e *env) span { return e.before(e.month(time.October)) }, "", "amazon")},
		"How does my spending this year compare to last year?": {ask.Compare, compare(thisYear, (*env).lastYear, "", "")},

		"What are my top 5 merchants this month?":             {ask.TopMerchants, top(thisMonth, "", 5, true)},
		"Where did I spend the most last month?":              {ask.TopMerchants, top(lastMonth, "", 5, true)},
		"top 3 merchants for food in the last 90 days":        {ask.TopMerchants, top(days(90), food, 3, true)},
		"Which merchants did I spend the most at since June?": {ask.TopMerchants, top(since(time.June), "", 5, true)},

		"What did I spend the most on last month?": {ask.TopCategories, top(lastMonth, "", 5, false)},
		"Top categories this year":                 {ask.TopCategories, top(thisYear, "", 5, false)},
		"Spending by category in October":          {ask.TopCategories, top(month(time.October), "", 20, false)},

		"What was my biggest purchase last month?":        {ask.Largest, largest(lastMonth, "", "", 1)},
		"Show my 3 largest transactions this year":        {ask.Largest, largest(thisYear, "", "", 3)},
		"Largest food purchases in the last 60 days":      {ask.Largest, largest(days(60), food, "", 5)},
		"most expensive transaction at Amazon since July": {ask.Largest, largest(since(time.July), "", "amazon", 1)},

		"Show transactions like Starbucks":            {ask.Similar, similar("starbucks", allTime, 10)},
		"Find payments similar to blue bottle coffee": {ask.Similar, similar("blue bottle coffee", allTime, 10)},
		"anything like uber eats last month":          {ask.Similar, similar("uber eats", lastMonth, 10)},

		"How many times did I go to Starbucks last month?": {ask.Count, countOf(lastMonth, "", "starbucks", false)},
		"How many transactions at Chipotle this year?":     {ask.Count, countOf(thisYear, "", "chipotle", false)},
		"How many purchases did I make on food this week?": {ask.Count, countOf(func(e *env) span { return e.week(0) }, food, "", false)},
		"How many paychecks did I get this year?":          {ask.Count, countOf(thisYear, "INCOME", "", true)},

		"What's my average purchase at Starbucks?":             {ask.Average, avgPerTxn((*env).threeFullMonths, "", "starbucks")},
		"How much do I spend on groceries per month?":          {ask.Average, avgPerMonth((*env).threeFullMonths, 3, food)},
		"Average monthly spending on transportation this year": {ask.Average, avgPerMonth(thisYear, int(e.day0.Month()), transport)},
		"average transaction at Amazon last month":             {ask.Average, avgPerTxn(lastMonth, "", "amazon")},

		"Am I over budget this month?":                         {ask.Budget, budgetStatus(thisMonth, "")},
		"How is my food budget doing?":                         {ask.Budget, budgetStatus(thisMonth, food)},
		"What was my transportation budget status last month?": {ask.Budget, budgetStatus(lastMonth, transport)},
	}
}
