/* lexicon.h -- the language data tables, as the stages see them.
 *
 * Every table is a TSV file under lexicon/<lang>/ (see lexicon/README.md).
 * The schema in lexicon.c lists each table's file, its column count and
 * the flag words its rows may carry. A loaded lexicon is immutable, so a
 * `const crier_lexicon *` can be shared by threads and forked workers. */
#ifndef CRIER_LEXICON_H
#define CRIER_LEXICON_H

#include "crier.h"

/* The tables. The order matches the schema array in lexicon.c. */
typedef enum crier_table {
    CRIER_TAB_ABBREVIATIONS,  /* form, expansion, flags */
    CRIER_TAB_ACRONYMS,       /* form, how (word|spell), spoken (optional) */
    CRIER_TAB_MONTHS,         /* form, name, number, flags */
    CRIER_TAB_WEEKDAYS,       /* form, name */
    CRIER_TAB_NUMBER_WORDS,   /* value, cardinal, ordinal, plural */
    CRIER_TAB_BOILERPLATE,    /* text, match (exact|prefix|contains) */
    CRIER_TAB_CREDITS,        /* prefix, kind (caption|credit|byline), flags */
    CRIER_TAB_SIGNPOSTS,      /* role, spoken */
    CRIER_TAB_PRONUNCIATIONS, /* word, phonemes (eSpeak ASCII) */
    /* The normalizer's tables (src/normalize.c and the classifiers). */
    CRIER_TAB_UNITS,          /* form, singular, plural, flags */
    CRIER_TAB_CURRENCIES,     /* form, flags, singular, plural, minor sg, minor pl */
    CRIER_TAB_SCALES,         /* form, word, flags */
    CRIER_TAB_SYMBOLS,        /* symbol, spoken, flags, spoken in an address */
    CRIER_TAB_TIME_WORDS,     /* form, kind (am|pm|zone), spoken */
    CRIER_TAB_CONTEXT_WORDS,  /* word, flags */
    CRIER_TAB_ROMAN_CONTEXT,  /* word, how (cardinal|regnal) */
    CRIER_TAB_FRACTIONS,      /* denominator, singular, plural */
    CRIER_TAB_STATES,         /* form, name */
    CRIER_TAB_PHONOTACTICS,   /* letters, flags (onset, coda, nucleus) */
    CRIER_TAB_ELECTRONIC,     /* form, spoken, flags */
    CRIER_TAB_VARIANTS,       /* US spelling, British spelling */
    CRIER_TAB_PHRASES,        /* key, spoken: connecting words ("to", "and a half") */
    CRIER_TAB_BYLINE,         /* text, kinds (flags below) */
    CRIER_TAB_PAGE_HINTS,     /* class/id token, roles (flags below) */
    CRIER_TAB_NOTES,          /* key, text the segmenter writes itself */
    CRIER_TAB_SPELLINGS,      /* British spelling, American spelling, flags (ending) */
    CRIER_TAB_WORDS,          /* word: common English words */
    CRIER_TAB_QUOTES,         /* opening mark, closing mark */
    CRIER_TAB_CHAPTERS,       /* section, title */
    CRIER_TAB_BULLETIN,       /* key, spoken line with {placeholders} */
    CRIER_TAB_IDIOMS,         /* written ("24/7"), spoken ("twenty-four seven") */
    CRIER_TAB_SCRIPTURE,      /* form, book, flags: books cited by chapter and verse */
    CRIER_TAB_COUNT
} crier_table;

/* Flag bits. Each table's bits follow the order of its flag words in the
 * schema (lexicon.c); a word in a row's flags column sets its bit. */
enum {
    /* abbreviations */
    CRIER_ABBR_TITLE = 1 << 0,    /* precedes a name: "Dr. Smith" */
    CRIER_ABBR_ENDS_OK = 1 << 1,  /* may end a sentence: "etc." */
    CRIER_ABBR_CASE = 1 << 2,     /* match the case exactly */
    CRIER_ABBR_BEFORE_NUM = 1 << 3, /* only before a number: "No. 10" */
    CRIER_ABBR_AFTER_NAME = 1 << 4, /* only after a name: "Elm Ave" */
    CRIER_ABBR_NO_DOT = 1 << 5,   /* the form also matches without its dot */
    CRIER_ABBR_STREET = 1 << 6,   /* a kind of street: "Ave." */
    CRIER_ABBR_COMPASS = 1 << 7,  /* a compass point, only in addresses: "N" */
    CRIER_ABBR_PARTY = 1 << 8,    /* a party before a state: "D-" in "(D-N.Y.)" */
    CRIER_ABBR_AFTER_ORDINAL = 1 << 9, /* its last column right after an
                                          ordinal: "19th c." "century" */
    CRIER_ABBR_ROMAN = 1 << 10,   /* before-number also before a Roman numeral: "ch. iv" */
    CRIER_ABBR_YEAR = 1 << 11,    /* the fourth column is said before a year: "est. 1850" */
    CRIER_ABBR_ALONE = 1 << 12,   /* a title only where no name or initial is before it: "M." */
    CRIER_ABBR_NUMBER = 1 << 13,  /* the fourth column is said before a number: "Sec. 3" */
    CRIER_ABBR_ANGLE = 1 << 14,   /* only before an angle: "long. 50° W." */
    CRIER_ABBR_ROUTE = 1 << 15,   /* after-name, or before the road's number: "Hwy 101" */
    /* months */
    CRIER_MONTH_WORD = 1 << 0,    /* also an ordinary word: "may", "march" */
    CRIER_MONTH_NAME = 1 << 1,    /* also a given name: "Jan", "Jun" */
    /* states */
    CRIER_STATE_ANYWHERE = 1 << 0, /* no word but the state's: "Calif." after "in" */
    /* credits */
    CRIER_CREDIT_STRIP = 1 << 0,  /* the prefix is not spoken */
    /* units */
    CRIER_UNIT_ANYCASE = 1 << 0,  /* the (lower-case) form matches in any case */
    CRIER_UNIT_GLUED = 1 << 1,    /* only glued to its number: "5h" */
    CRIER_UNIT_AFTER = 1 << 2,    /* only after another measure: "6 ft 2 in" */
    CRIER_UNIT_PER = 1 << 3,      /* only after a slash: "km/h", "$20/mo" */
    CRIER_UNIT_PREFIX = 1 << 4,   /* qualifies the next unit: "sq ft" */
    CRIER_UNIT_BEFORE = 1 << 5,   /* only before another measure: "9 st 7 lb" */
    /* currencies */
    CRIER_CUR_PREFIX = 1 << 0,    /* written before the number: "$5" */
    CRIER_CUR_SUFFIX = 1 << 1,    /* written after it: "5¢", "5 USD" */
    CRIER_CUR_OLD = 1 << 2,       /* old British money after it: "10s. 6d." */
    /* scales */
    CRIER_SCALE_ABBR = 1 << 0,    /* "m", "bn": only glued or after a currency */
    /* symbols */
    CRIER_SYM_NUMERIC = 1 << 0,   /* spoken only between numbers: "2 + 3" */
    CRIER_SYM_BEFORE_NUM = 1 << 1, /* spoken only before a number: "#1" */
    CRIER_SYM_AFTER_NUM = 1 << 2, /* spoken only after a number: "5%" */
    CRIER_SYM_PAUSE = 1 << 3,     /* otherwise a pause, not a word */
    CRIER_SYM_ADDRESS = 1 << 4,   /* read only inside a web or e-mail address */
    CRIER_SYM_WORDS = 1 << 5,     /* also read between lower-case words */
    CRIER_SYM_SPACED = 1 << 6,    /* also read standing alone between words */
    CRIER_SYM_GLUED = 1 << 7,     /* read between numbers only when glued to both */
    CRIER_SYM_POWER = 1 << 8,     /* an exponent glued to a number or variable: "x²" */
    /* context words */
    CRIER_CTX_YEAR_BEFORE = 1 << 0, /* a 4-digit number after it is a year: "in" */
    CRIER_CTX_COUNT_BEFORE = 1 << 1, /* ... is a count: "about", "over" */
    CRIER_CTX_STARTER = 1 << 2,   /* often starts a sentence: "The", "It" */
    CRIER_CTX_DETERMINER = 1 << 3, /* "the", "a", "his" */
    CRIER_CTX_COUNT_NOUN = 1 << 4, /* a noun that counts: "people" */
    CRIER_CTX_UNIT_WORD = 1 << 5, /* a spelled-out unit: "inch", "mile" */
    CRIER_CTX_DATE_BEFORE = 1 << 6, /* "on 9/11": day and month in figures */
    CRIER_CTX_STREET = 1 << 7,    /* a kind of street: "Avenue" */
    CRIER_CTX_DIGITS_AFTER = 1 << 8, /* a number after it is read digit by digit */
    CRIER_CTX_LABEL_BEFORE = 1 << 9, /* a number after it names: "Flight 370" */
    CRIER_CTX_COMPLEMENT = 1 << 10, /* after an amount, not what it measures: "of", "tall" */
    CRIER_CTX_CONJUNCTION = 1 << 11, /* joins two alike: "1990 and 1995" are both years */
    CRIER_CTX_RATING = 1 << 12,   /* a fraction beside it is a score: "4/5 stars" */
    CRIER_CTX_CLOCK_BEFORE = 1 << 13, /* "at 7.30": a dotted number after it may be a time */
    CRIER_CTX_CLOCK_AFTER = 1 << 14, /* "7.30 in the morning": ... and before it */
    CRIER_CTX_RANGE_END = 1 << 15, /* "1990–present": ends a span of years */
    CRIER_CTX_TIMETABLE = 1 << 16, /* "the 8.30 train", "leaves at 10.17": a dotted time */
    CRIER_CTX_ODDS = 1 << 17,     /* "the 9/4 favourite": a fraction beside it is odds */
    CRIER_CTX_METER = 1 << 18,    /* "in 3/4 time": a fraction before it is a time signature */
    CRIER_CTX_BATTING = 1 << 19,  /* "hit .312": three decimals beside it are an average */
    CRIER_CTX_CODE_BEFORE = 1 << 20, /* "case 22-1234": numbers joined after it are a code */
    CRIER_CTX_CRICKET = 1 << 21,  /* "245/6 at stumps": a score of runs for wickets near it */
    CRIER_CTX_COMPASS_BEFORE = 1 << 22, /* "winds NW": a compass point after it is a direction */
    CRIER_CTX_PRICE_BEFORE = 1 << 23, /* "fined 40s.": old shillings after it, not a decade */
    CRIER_CTX_POSITION = 1 << 24, /* "lap 23/57": a fraction after it is a place in a whole */
    CRIER_CTX_SCORE = 1 << 25,    /* "won 1-0", "a 2-1 win": numbers joined beside it are a score */
    /* phonotactics */
    CRIER_PHON_ONSET = 1 << 0,    /* may start a syllable */
    CRIER_PHON_CODA = 1 << 1,     /* may end one */
    CRIER_PHON_NUCLEUS = 1 << 2,  /* a vowel group */
    /* electronic */
    CRIER_EL_TLD = 1 << 0,        /* a top-level domain */
    CRIER_EL_SPELL = 1 << 1,      /* spelled out wherever it appears */
    /* spellings */
    CRIER_SPELL_ENDING = 1 << 0,  /* the key is a word ending: "isation" */
    /* byline */
    CRIER_BYLINE_PREFIX = 1 << 0, /* a byline may start with it: "By", "Par" */
    CRIER_BYLINE_SAY = 1 << 1,    /* put before a byline that has no prefix */
    CRIER_BYLINE_NOISE = 1 << 2,  /* a whole line near a byline that is not one */
    CRIER_BYLINE_UPDATE = 1 << 3, /* starts a later date on a date line: "Updated" */
    CRIER_BYLINE_LABEL = 1 << 4,  /* a field label before the writer: "Author:", "作者：" */
    CRIER_BYLINE_ROLE = 1 << 5,   /* ends a writer's job after the name: "Staff Writer" */
    CRIER_BYLINE_JOINER = 1 << 6, /* joins a date's parts: "5 de marzo de 2018" */
    CRIER_BYLINE_MARK = 1 << 7,   /* after a date's year, month or day: "2018年3月5日" */
    CRIER_BYLINE_STAMP = 1 << 8,  /* starts the date after a byline: "Published" */
    /* page-hints: what a class, id or role token says about an element */
    CRIER_HINT_DROP = 1 << 0,     /* page furniture: drop it (unless also keep) */
    CRIER_HINT_KEEP = 1 << 1,     /* vetoes drop: "article-comments" is kept */
    CRIER_HINT_POSITIVE = 1 << 2, /* likely article content */
    CRIER_HINT_NEGATIVE = 1 << 3, /* unlikely article content */
    CRIER_HINT_BYLINE = 1 << 4,   /* holds the byline */
    CRIER_HINT_CAPTION = 1 << 5,  /* a photo caption */
    CRIER_HINT_CREDIT = 1 << 6,   /* a photo credit */
    CRIER_HINT_DATELINE = 1 << 7, /* the date (and place) of the article */
    /* scripture */
    CRIER_SCRIPT_NUMBERED = 1 << 0 /* "1 Cor.": a number before it is an ordinal */
};

/* One row. `cols[0]` is the key as written in the file. */
typedef struct crier_lex_row {
    const char *const *cols;
    int ncols;
    unsigned flags;
    const char *file; /* where the row came from, for messages */
    long line;
} crier_lex_row;

/* Finds the row whose key matches `key` (case-folded, unless the table or
 * row is case-sensitive). NULL when absent. */
const crier_lex_row *crier_lex_find(const crier_lexicon *lex, crier_table t, const char *key,
                                    size_t len);

/* Iterates over a table's rows in file order. */
size_t crier_lex_count(const crier_lexicon *lex, crier_table t);
const crier_lex_row *crier_lex_at(const crier_lexicon *lex, crier_table t, size_t i);
/* The name of month number m (1 to 12), months.tsv's second column, or
 * NULL. */
const char *crier_lex_month_name(const crier_lexicon *lex, long m);

/* Case-folds UTF-8 text into a malloc'd NUL-terminated string (NULL on
 * out-of-memory or invalid UTF-8). The same folding the key index uses. */
char *crier_fold(const char *s, size_t len);

#endif
