package ask

// EvalQuestions are asked of six months of seeded demo data (seed.Generate(yesterday, 6, 42))
// by integration/ask_test.go, which computes each expected answer independently from the
// user's rows and requires every answer to be exact. They span every intent and several
// kinds of period; keep the test's expectations in step when changing them.
var EvalQuestions = []string{
	// TotalSpend
	"How much did I spend this month?",
	"How much did I spend last month?",
	"How much did I spend on groceries last month?",
	"What did I spend at Starbucks in the last 30 days?",
	"How much have I spent on transportation this year?",
	"Total spent at Amazon since June",
	"how much did i spend on rent last month",
	"How much did I pay for Netflix in the last 3 months?",
	"How much did I spend on food between 2026-09-01 and 2026-09-30?",
	"How much did I spend yesterday?",
	"How much did I spend today?",
	"How much did I spend on Uber Eats in October?",
	"spending on entertainment in the last 2 months",
	"How much did I spend at Trader Joe's this year?",
	"how much did I spend on coffee last week",
	// IncomeTotal
	"What was my income last month?",
	"How much did I earn this year?",
	"How much money came in last month?",
	"How much did I get paid in October?",
	// Compare
	"Compare this month with last month",
	"Compare food spending this month vs last month",
	"Did I spend more on transportation in October than in September?",
	"Amazon spending: October vs the month before",
	"How does my spending this year compare to last year?",
	// TopMerchants
	"What are my top 5 merchants this month?",
	"Where did I spend the most last month?",
	"top 3 merchants for food in the last 90 days",
	"Which merchants did I spend the most at since June?",
	// TopCategories
	"What did I spend the most on last month?",
	"Top categories this year",
	"Spending by category in October",
	// Largest
	"What was my biggest purchase last month?",
	"Show my 3 largest transactions this year",
	"Largest food purchases in the last 60 days",
	"most expensive transaction at Amazon since July",
	// Similar
	"Show transactions like Starbucks",
	"Find payments similar to blue bottle coffee",
	"anything like uber eats last month",
	// Count
	"How many times did I go to Starbucks last month?",
	"How many transactions at Chipotle this year?",
	"How many purchases did I make on food this week?",
	"How many paychecks did I get this year?",
	// Average
	"What's my average purchase at Starbucks?",
	"How much do I spend on groceries per month?",
	"Average monthly spending on transportation this year",
	"average transaction at Amazon last month",
	// Budget
	"Am I over budget this month?",
	"How is my food budget doing?",
	"What was my transportation budget status last month?",
}
