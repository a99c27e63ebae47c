// Package ask answers plain-language questions about a user's money without a language
// model: Parse turns a question into a Query with a deterministic grammar of the common
// forms, and Answer runs it with parameterised SQL (store/ask.go). Every Result carries its
// main number in minor units, the rows it used and the SQL with its parameters, so that an
// answer can be checked rather than trusted. Phrasings is the user-facing reference.
package ask

// Phrasings documents what Ask understands, as Markdown for the README.
const Phrasings = "### Ask: questions in plain language\n" + `
Ask answers questions about your money offline, with no language model: a deterministic
parser recognises the common forms below and runs one or two SQL queries. Every answer
carries its main number in minor units (` + "`value_minor`" + `), the rows it used (at most 20) and
the SQL it ran with its parameters, so you can check it.

| intent | phrasings that work |
|---|---|
| total spend | "How much did I spend last month?", "…on groceries this year?", "…at Starbucks in the last 30 days?", "Total spent at Amazon since June", "How much did I pay for Netflix in March?" |
| income | "What was my income last month?", "How much did I earn this year?", "How much did I get paid in October?" (category INCOME); "How much money came in?", "deposits", "received" (all money in) |
| compare | "Compare this month with last month", "Food spending this month vs last month", "Did I spend more on transport in October than in September?", "Amazon: October vs the month before" |
| top merchants | "What are my top 5 merchants this month?", "Where did I spend the most last year?", "Top 3 merchants for food in the last 90 days" |
| top categories | "What did I spend the most on last month?", "Top categories this year", "Spending by category in October" (lists all) |
| largest | "What was my biggest purchase last month?" (one), "Show my 3 largest transactions this year", "Largest food purchases in the last 60 days" (five) |
| similar | "Show transactions like Starbucks", "Find payments similar to blue bottle coffee", "confirmed transactions like …" |
| count | "How many times did I go to Starbucks last month?", "How many transactions at Chipotle this year?", "How many paychecks did I get?" |
| average | "What's my average purchase at Starbucks?" (per transaction), "How much do I spend on groceries per month?", "Average monthly spending on transport this year" (per month) |
| budget | "Am I over budget this month?", "How is my food budget doing?", "What was my transport budget status last month?" |

**Periods** (relative to today, in UTC): ` + "`today`, `yesterday`, `this week`, `last week` (weeks start on\nMonday), `this month`, `last month`, `this quarter`, `last quarter`, `this year`, `last year`,\n`year to date`, `last 30 days`, `last N days/weeks/months/years` (rolling, ending today),\n`the past week/month/year` (rolling), `N months ago` (that calendar month), `in March` (the most\nrecent March that has begun), `in March 2026`, `2026-03`, `in 2025`, `since January`,\n`since 2026-02-01`, `on 2026-03-05`, `between 2026-01-01 and 2026-03-31`, `from June to August`." + `
Periods of the current week, month or year end today. **Without a period**: this month; an
average uses the last 3 full calendar months; similar transactions search all time. A
comparison with one period compares it with the one before it (this month with last month),
or, when the period is already over, the current one with it ("compared to last month").

**What is counted.** Spending is money out (` + "`amount_minor < 0`" + `), reported as a positive amount;
income is money in categorised INCOME, or all money in when you say "money in", "deposits" or
"received". Transactions you marked as fraud are never counted. Totals are per currency and never
converted: the main number is in your home currency and other currencies are reported beside it.
Largest transactions and top lists rank your home currency first. Counts cover all currencies. An
average per transaction divides by the number of transactions; an average per month divides by
the calendar months the period touches when it starts on the 1st (the current month counts as
one), otherwise by its length in months (30.44 days), rounded, at least one. Budgets are
monthly: a budget question is about the month the period ends in, and its number is what is
left (negative when over), summed over budgets in your home currency.

**Merchants and categories.** A merchant is recognised when the question contains the full
name of one of your merchants, ignoring case and apostrophes ("trader joes"); the longest match
wins. Categories are recognised by name ("food and drink", "rent and utilities", your own
categories) and by everyday words: groceries, restaurants, coffee, dining → FOOD_AND_DRINK;
rent, utilities, electricity, internet, phone → RENT_AND_UTILITIES; gas, fuel, parking, transit,
uber, lyft, taxi → TRANSPORTATION; flights, hotels, vacation → TRAVEL; movies, streaming, games →
ENTERTAINMENT; shopping, clothes, electronics → GENERAL_MERCHANDISE; furniture, hardware →
HOME_IMPROVEMENT; doctor, pharmacy, dentist → MEDICAL; gym, haircut, laundry → PERSONAL_CARE;
insurance, shipping, education → GENERAL_SERVICES; taxes, donations, charity →
GOVERNMENT_AND_NON_PROFIT; mortgage, loans → LOAN_PAYMENTS; fees, overdraft → BANK_FEES;
transfers → TRANSFER_OUT. A longer phrase beats a shorter one ("gas bill" is a utility, "Uber
Eats" a merchant), and a merchant you have beats a category word of the same length ("uber" is
your merchant Uber if you have one, transportation otherwise).

**Similar** embeds the normalised text with the built-in hashing embedder and lists your
nearest transactions by cosine similarity (exact search over your own rows; ties newest first).
It only compares transactions embedded by the same model.

Anything else gets an "unknown" answer listing these forms.
`
