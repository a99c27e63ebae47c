package kb

import (
	"strings"
	"unicode"
)

// Tokens lower-cases s, folds accents the way banks transliterate them ("Überweisung" →
// "ueberweisung", "Café" → "cafe"), drops apostrophes ("Lowe's" = "LOWES") and splits at
// everything that is not a letter or digit ("B&Q" = "b q"). The lexicon, the brand table and
// the model all see text through it, so the generator and the chain agree on every key.
func Tokens(s string) []string {
	var toks []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '`' || r == '´':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if f, ok := fold[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		default:
			flush()
		}
	}
	flush()
	return toks
}

// Key is the tokens of s joined by single spaces.
func Key(s string) string { return strings.Join(Tokens(s), " ") }

var fold = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'ß': "ss", 'à': "a", 'á': "a", 'â': "a",
	'ã': "a", 'å': "a", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o",
	'ô': "o", 'õ': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ý': "y",
	'ÿ': "y", 'æ': "ae", 'œ': "oe",
}
