/* abbrev.c -- stage 2: abbreviations, acronyms, capitals and words.
 *
 * Abbreviations ("Dr.", "Brig.", "e.g.") are expanded from
 * abbreviations.tsv, by context where their reading depends on it: "St."
 * is "Saint" before a name and "Street" after one, "Dr." "Doctor" or
 * "Drive". Their dot is swallowed, so that eSpeak does not end a sentence
 * there, unless the line ends or a word that usually starts a sentence
 * follows. Initials ("James T. Kirk") lose their dot the same way. US
 * states after a place ("Albany, N.Y.") are states.c's.
 *
 * Upper-case words are looked up in acronyms.tsv, which says whether
 * they are said as a word (NATO, KFOR) or spelled (UN, EU). Unknown ones
 * follow a rule: on a line written in capitals they are brought to normal
 * case; elsewhere short ones and those that cannot be cut into English
 * syllables (phonotactics.tsv: "IUCN") are spelled, the rest said as
 * words. Plurals and possessives keep their ending: "NGOs" is "N G O's",
 * "IBM's" "I B M's". Plain words pass through, in American spelling for
 * the en-US voice where eSpeak says the British one differently
 * (spellings.tsv: "organisation"), or become eSpeak phoneme input from
 * pronunciations.tsv. */
#include "internal.h"
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ==== Letters ============================================================ */

/* Letters only, one word each; other characters of the token (dots,
 * apostrophes) are not spoken. */
void crier_spell(const char *s, size_t n, crier_buf *w)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            break;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) {
            if (w->len && w->ptr[w->len - 1] != ' ')
                crier_buf_putc(w, ' ');
            int32_t up = utf8proc_toupper(cp);
            crier_buf_put_cp(w, up);
            if (up == 'A')
                crier_buf_putc(w, '\x01'); /* the letter, not the article */
        }
        i += (size_t)k;
    }
}

/* Appends `s` with only its first letter in upper case: "PRISTINA" gives
 * "Pristina". */
static void title_case(const char *s, size_t n, crier_buf *w)
{
    size_t i = 0;
    int first = 1;
    crier_put_word(w, "");
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            break;
        crier_buf_put_cp(w, first ? cp : utf8proc_tolower(cp));
        first = 0;
        i += (size_t)k;
    }
}

/* Appends s[0..n) as one word, as written. */
static void put_raw(const char *s, size_t n, crier_buf *w)
{
    crier_put_word(w, "");
    crier_buf_put(w, s, n);
}

/* ==== Pronounceable or spelled =========================================== */

/* "y" is a consonant at the start of a word ("yard"); elsewhere it is a
 * vowel ("Lyon"), or in the second reading (`ycons`), a consonant
 * before a vowel ("Banyu"). */
static int is_vowel_y(const char *s, size_t n, size_t i, int ycons)
{
    if (strchr("aeiou", s[i]))
        return 1;
    if (s[i] != 'y' || i == 0)
        return 0;
    return !(ycons && i + 1 < n && strchr("aeiou", s[i + 1]));
}

static int is_vowel(const char *s, size_t n, size_t i) { return is_vowel_y(s, n, i, 0); }

static int phon_has(const norm *z, const char *s, size_t n, unsigned flag)
{
    if (n == 0)
        return 1;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_PHONOTACTICS, s, n);
    return r && (r->flags & flag);
}

/* True when a consonant group between two vowels can be cut into the end
 * of one syllable and the start of the next. */
static int medial_ok(const norm *z, const char *s, size_t n)
{
    for (size_t k = 0; k <= n; k++)
        if (phon_has(z, s, k, CRIER_PHON_CODA) && phon_has(z, s + k, n - k, CRIER_PHON_ONSET))
            return 1;
    return 0;
}

/* Cuts lower-case s[0..n) into syllables; `ycons` picks the reading of
 * "y" (see is_vowel_y). */
static int syllables(const norm *z, const char *s, size_t n, int ycons)
{
    size_t i = 0, vowels = 0;
    while (i < n) {
        size_t a = i;
        while (i < n && !is_vowel_y(s, n, i, ycons))
            i++;
        size_t cons = i - a;
        if (a == 0 && !phon_has(z, s, cons, CRIER_PHON_ONSET))
            return 0;
        if (i == n)
            return vowels && phon_has(z, s + a, cons, CRIER_PHON_CODA);
        if (a > 0 && !medial_ok(z, s + a, cons))
            return 0;
        size_t b = i;
        while (i < n && is_vowel_y(s, n, i, ycons))
            i++;
        if (!phon_has(z, s + b, i - b, CRIER_PHON_NUCLEUS))
            return 0;
        /* A word does not start with two vowels heard apart ("IUCN",
         * "IARC", "UAE"). */
        if (b == 0 && i - b > 1 && (s[0] == 'i' || s[0] == 'u'))
            return 0;
        vowels++;
    }
    return vowels > 0;
}

/* Lower-cases the word and tries both readings of "y". Only ASCII
 * letters: other scripts and accents are left to the speech engine. */
int crier_pronounceable(const norm *z, const char *word, size_t n)
{
    char s[32];
    if (n == 0 || n >= sizeof s)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = word[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c < 'a' || c > 'z')
            return 0;
        s[i] = c;
    }
    return syllables(z, s, n, 0) || syllables(z, s, n, 1);
}

/* Three letters said as a word only in the shape consonant, vowel,
 * consonant ("CAT", "PAC"); "EPA" and "IRS" are spelled. */
static int short_word(const norm *z, const char *s, size_t n)
{
    if (n != 3 || !crier_pronounceable(z, s, n))
        return 0;
    char low[3];
    for (size_t i = 0; i < 3; i++)
        low[i] = (char)(s[i] | 0x20);
    return !is_vowel(low, 3, 0) && is_vowel(low, 3, 1) && !is_vowel(low, 3, 2);
}

/* True when s[0..n) has one of the letters A, E, I, O, U. */
static int has_vowel(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strchr("AEIOUaeiou", s[k]))
            return 1;
    return 0;
}

/* The rules differ with the context. In a line of capitals most words
 * are ordinary words shouted, so only short unpronounceable ones, and
 * short ones that are no word, are spelled. Elsewhere capitals mark an
 * acronym: three letters are said as a word only in the shape
 * consonant-vowel-consonant ("PAC"), longer ones when they can be cut
 * into syllables. */
void crier_say_caps(const norm *z, const char *s, size_t n, int caps_run, crier_buf *w)
{
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, n);
    if (r) {
        if (r->ncols > 2)
            crier_put_word(w, r->cols[2]);
        else if (strcmp(r->cols[1], "spell") == 0)
            crier_spell(s, n, w);
        else if (caps_run)
            title_case(s, n, w);
        else
            put_raw(s, n, w);
        return;
    }
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)s[k] >= 0x80) {
            put_raw(s, n, w); /* "ÀÁÂÃ": the rules know English letters only */
            return;
        }
    /* A time zone alone ("in CET") is spelled as after a time, unless
     * time-words.tsv says how it is said. */
    const crier_lex_row *tz = !caps_run ? crier_lex_find(z->lex, CRIER_TAB_TIME_WORDS, s, n) : NULL;
    if (tz && strcmp(tz->cols[1], "zone") == 0) {
        if (tz->ncols > 2)
            crier_put_word(w, tz->cols[2]);
        else
            crier_spell(s, n, w);
        return;
    }
    /* In a line of capitals a common English word is the word ("RULES"),
     * and a short word is one only when it is common or has a vowel:
     * "IN", "TOP", but "NY", "LA", "NYC" are spelled. */
    int common = caps_run && crier_lex_find(z->lex, CRIER_TAB_WORDS, s, n);
    int pron = crier_pronounceable(z, s, n) || (n > 2 && common);
    int word = caps_run ? (n <= 2 ? common : n == 3 ? common || (pron && has_vowel(s, n)) : pron || n > 5)
                        : (n <= 3 ? short_word(z, s, n) : pron);
    if (!word)
        crier_spell(s, n, w);
    else if (caps_run)
        title_case(s, n, w);
    else
        put_raw(s, n, w); /* eSpeak says a pronounceable word in capitals */
}

/* ==== Abbreviations ====================================================== */

/* True when the dot after an abbreviation at token `next` (the token after
 * it) ends the sentence: at the end of a line, or before a capitalised
 * word that usually starts one. */
int crier_ends_sentence(const norm *z, size_t next)
{
    size_t k = crier_skip_space(z, next);
    while (k < z->n && (tok_punct(z, k, '"') || tok_punct(z, k, '\'')))
        k++;
    if (k >= z->n || z->t[k].kind == TK_NL)
        return 1;
    return tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_CAP) &&
           (crier_tok_ctx(z, k) & CRIER_CTX_STARTER);
}

/* Where a position-dependent abbreviation stands: 'a' after a name or a
 * number ("Elm St.", "1st St"), 'b' before a name ("St. Louis"), 0
 * neither. */
static int name_side(const norm *z, size_t i, size_t next)
{
    size_t p = crier_prev_word(z, i);
    int before = tok_is(z, next, TK_WORD) && (z->t[next].flags & TF_CAP) &&
                 !((z->t[next].flags & TF_UPPER) && z->t[next].len > 1 &&
                   !(z->t[next].flags & TF_CAPS_RUN));
    /* "Main St. Police said": a common word after the dot starts a
     * sentence rather than naming a saint; "St. Mark's" keeps its saint. */
    int common = before && tok_punct(z, i + 1, '.') && crier_tok_find(z, CRIER_TAB_WORDS, next) &&
                 !tok_punct(z, next + 1, '\'') && !tok_punct(z, next + 1, 0x2019);
    int starter = before && ((crier_tok_ctx(z, next) & CRIER_CTX_STARTER) || common);
    int after = p != (size_t)-1 && !crier_sentence_start(z) &&
                ((tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_CAP)) || tok_is(z, p, TK_NUM) ||
                 (tok_is(z, p, TK_WORD) && p > 0 && tok_is(z, p - 1, TK_NUM)));
    if (after && (!before || starter))
        return 'a';
    /* "1428 Elm St.": a number two words back makes it an address. */
    size_t pp = p != (size_t)-1 ? crier_prev_word(z, p) : (size_t)-1;
    if (after && pp != (size_t)-1 && tok_is(z, pp, TK_NUM))
        return 'a';
    return before ? 'b' : after ? 'a' : 0;
}

/* True when "and" (or "&") and another title follow at token `next`:
 * "Mr. and Mrs. Jones", "Gov. and Mrs. Smith". */
static int title_pair(const norm *z, size_t next)
{
    if (!crier_tok_eq(z, next, "and") && !tok_punct(z, next, '&'))
        return 0;
    size_t k = crier_skip_space(z, next + 1), used;
    int dot;
    const crier_lex_row *r = k > next + 1 ? crier_abbrev_at(z, k, &used, &dot) : NULL;
    return r && (r->flags & CRIER_ABBR_TITLE) && r->ncols <= 3;
}

/* True when a hyphen and a word are glued to the title's dot at token
 * k: "Gov.-elect", "Sen.-designate", "Lt.-Col.". The compound is a title
 * still, and the word after the hyphen says the rest of it. */
static int title_compound(const norm *z, size_t k)
{
    return tok_punct(z, k, '-') && tok_glued(z, k) && tok_is(z, k + 1, TK_WORD) &&
           tok_glued(z, k + 1);
}

/* True when a year stands at token k, as the number rules see it
 * ("est. 1850"), not a count ("est. 1500 looms"). */
static int year_after(const norm *z, size_t k)
{
    if (!tok_is(z, k, TK_NUM) || z->t[k].len != 4)
        return 0;
    long v = crier_digits_value(tok_text(z, k), 4);
    return v >= 1000 && v < 2100 && crier_year_context(z, k);
}

/* "said M. Dupont", "M. de Villefort": a title of one letter, where no
 * capitalised word or initial stands before it (then it is a middle
 * initial, "Edwin M. Stanton", "J. M. Barrie") and a name that is no
 * other initial follows. */
static int alone_title(const norm *z, size_t i, size_t next)
{
    size_t p = crier_prev_word(z, i);
    if (p != (size_t)-1 && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_CAP) &&
        !crier_sentence_start(z))
        return 0;
    size_t used;
    int dot;
    if (p != (size_t)-1 && tok_punct(z, p, '.') && p > 0 && tok_is(z, p - 1, TK_WORD) &&
        (z->t[p - 1].len == 1 || (crier_abbrev_at(z, p - 1, &used, &dot) && dot)))
        return 0; /* "J. M. Barrie", "Mr. M. Smith" */
    return tok_is(z, next, TK_WORD) && z->t[next].len > 1 && !(z->t[next].flags & TF_UPPER) &&
           !crier_ends_sentence(z, next);
}

/* True when a short word in lower case and a capitalised name follow at
 * token `next`: a title before "de Staël", "von Moltke", "van Gogh". */
static int name_particle(const norm *z, size_t next)
{
    size_t k = crier_skip_space(z, next + 1);
    return tok_is(z, next, TK_WORD) && (z->t[next].flags & TF_LOWER) && z->t[next].len <= 3 &&
           k == next + 2 && tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_CAP) &&
           !(z->t[k].flags & TF_UPPER);
}

/* True when the word before token i is an ordinal: "19th c.". */
static int after_ordinal(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i);
    int poss;
    return p != (size_t)-1 && p > 0 && tok_is(z, p, TK_WORD) && tok_is(z, p - 1, TK_NUM) &&
           tok_glued(z, p) && crier_suffix_at(z, p, NULL, &poss) && !poss;
}

/* Expands the abbreviation row `r` found at token i (used tokens, the
 * last maybe a dot); returns 0 when the context rules it out. */
static size_t expand(norm *z, size_t i, size_t used, int dot, const crier_lex_row *r)
{
    size_t next = crier_skip_space(z, i + used);
    const char *say = r->cols[1];
    if ((r->flags & CRIER_ABBR_ALONE) && !alone_title(z, i, next))
        return 0; /* "Edwin M. Stanton": an initial */
    int ordinal = (r->flags & CRIER_ABBR_AFTER_ORDINAL) && r->ncols > 3 && after_ordinal(z, i);
    if (ordinal) {
        say = r->cols[3]; /* "the 19th c.", whatever follows */
    } else if (r->flags & CRIER_ABBR_YEAR) {
        /* "est. 1850" is "established", "est. 2,000" "estimated". */
        if (year_after(z, next))
            say = r->cols[3];
    } else if ((r->flags & CRIER_ABBR_NUMBER) && r->ncols > 3 && tok_is(z, next, TK_NUM)) {
        say = r->cols[3]; /* "Sec. 230" is "section", "Sec. Rubio" "Secretary" */
    } else if (r->ncols > 3 && !(r->flags & (CRIER_ABBR_AFTER_ORDINAL | CRIER_ABBR_NUMBER))) {
        int side = name_side(z, i, next);
        if (side == 'a')
            say = r->cols[3];
        else if (side == 0 && !dot)
            return 0;
    } else if ((r->flags & CRIER_ABBR_TITLE) &&
               !(tok_is(z, next, TK_WORD) && (z->t[next].flags & TF_CAP)) && !name_particle(z, next) &&
               !(dot && (next >= z->n || z->t[next].kind == TK_NL)) && !title_pair(z, next) &&
               !title_compound(z, i + used)) {
        return 0; /* "Dr." not before a name: leave it to the word rules */
    }
    /* "long. 50° W.", but "too long. 50 people came". */
    if ((r->flags & CRIER_ABBR_ANGLE) && !(z->t[i].flags & TF_CAP) &&
        !(tok_is(z, next, TK_NUM) && tok_punct(z, next + 1, 0xB0)))
        return 0;
    /* "ch. iv.", "Ps. xxiii": with its dot and the flag roman, a Roman
     * numeral counts too. */
    if (!ordinal && (r->flags & CRIER_ABBR_BEFORE_NUM) && !tok_is(z, next, TK_NUM) &&
        !tok_punct(z, next, '#') &&
        !(dot && (r->flags & CRIER_ABBR_ROMAN) && next < z->n &&
          crier_roman_counted(z, next, say)))
        return 0;
    /* Without its dot, an abbreviation that is also a common word ("No
     * 10") is one only inside a sentence and capitalised: "No 10 people
     * came", "no 5 players" say "no". */
    if ((r->flags & CRIER_ABBR_BEFORE_NUM) && !dot &&
        (!(z->t[i].flags & TF_CAP) || (z->t[i].flags & TF_UPPER) || crier_sentence_start(z)) &&
        crier_tok_find(z, CRIER_TAB_WORDS, i))
        return 0;
    /* "Hwy 101", "Hwy. 1": a road named by its number (flag route). */
    int route = (r->flags & CRIER_ABBR_ROUTE) && tok_is(z, next, TK_NUM);
    if ((r->flags & CRIER_ABBR_AFTER_NAME) && !route) {
        /* "Elm Ave.", and "5th Ave.": a name or an ordinal. */
        size_t p = crier_prev_word(z, i);
        int poss;
        if (p == (size_t)-1 || !tok_is(z, p, TK_WORD) ||
            !((z->t[p].flags & TF_CAP) ||
              (p > 0 && tok_is(z, p - 1, TK_NUM) && crier_suffix_at(z, p, NULL, &poss))))
            return 0;
    }
    /* "Alphabet Inc.'s unit": a possessive after the dot. */
    if (dot && tok_punct(z, i + used, '\'') && tok_glued(z, i + used) &&
        crier_tok_eq(z, i + used + 1, "s") && tok_glued(z, i + used + 1)) {
        crier_buf w = CRIER_BUF_INIT;
        crier_buf_puts(&w, say);
        crier_buf_puts(&w, "'s");
        return crier_emit_buf(z, &w, i, i + used + 2);
    }
    crier_emit_toks(z, say, i, i + used);
    /* The dot was the abbreviation's; a sentence may still end there. */
    int titled = (r->flags & CRIER_ABBR_TITLE) && say == r->cols[1];
    if (dot && !titled && (ordinal || !(r->flags & CRIER_ABBR_BEFORE_NUM)) &&
        crier_ends_sentence(z, i + used))
        crier_emit_pause(z, ".", tok_end(z, i + used - 1) - 1, 1);
    return used;
}

/* A single capital and a dot before a name: an initial ("T." in "James T.
 * Kirk"), said as the letter with no full stop. */
static size_t initial(norm *z, size_t i)
{
    const tok *t = &z->t[i];
    size_t d = tok_is(z, i + 1, TK_SPACE) && z->t[i + 1].len == 1 ? i + 2 : i + 1;
    if (t->len != 1 || !(t->flags & TF_CAP) || !tok_punct(z, d, '.'))
        return 0;
    /* "D ." as tokenized text writes an initial */
    size_t next = crier_skip_space(z, d + 1);
    if (next == d + 1 || !tok_is(z, next, TK_WORD) || !(z->t[next].flags & TF_CAP) ||
        crier_ends_sentence(z, d + 1))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_spell(tok_text(z, i), 1, &w);
    return crier_emit_buf(z, &w, i, d + 1);
}

/* See norm.h. A two-letter word in capitals matches only a compass
 * point: "MT" is an acronym, not "Mount". */
const crier_lex_row *crier_abbrev_at(const norm *z, size_t i, size_t *used, int *dot)
{
    if (!tok_is(z, i, TK_WORD))
        return NULL;
    const tok *t = &z->t[i];
    const char *s = tok_text(z, i);
    *dot = tok_punct(z, i + 1, '.') && tok_glued(z, i + 1) && !(t->flags & TF_DOTS);
    *used = 1 + (size_t)*dot;
    const crier_lex_row *r = NULL;
    if (*dot || (t->flags & TF_DOTS))
        r = crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, s, t->len + (size_t)*dot);
    if (!r && !*dot && !(t->flags & TF_DOTS) && t->len < 15 &&
        (!(t->flags & TF_UPPER) || t->len == 2 || t->len == 3)) {
        /* "Mr Smith", "vs": rows flagged no-dot match without it. */
        char key[16];
        memcpy(key, s, t->len);
        key[t->len] = '.';
        r = crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, key, t->len + 1);
        if (r && !(r->flags & CRIER_ABBR_NO_DOT))
            r = NULL;
        if (r && (t->flags & TF_UPPER) && !(r->flags & CRIER_ABBR_COMPASS))
            r = NULL; /* "MT" is an acronym, not "Mt" */
    }
    if (*dot)
        *dot = 1;
    else if (t->flags & TF_DOTS)
        *dot = s[t->len - 1] == '.';
    return r;
}

/* "Winds NW at 10 to 15 mph", "gusts SSE 40 km/h": a compass point at
 * token i (with `used` tokens) is a direction after a word of the wind
 * (context-words.tsv, flag compass-before), before a number with its
 * unit (a speed), "at" or not, or before "of" (a bearing). */
static int wind_direction(const norm *z, size_t i, size_t used)
{
    size_t p = crier_prev_word(z, i), n = crier_skip_space(z, i + used);
    if (p != (size_t)-1 && tok_is(z, p, TK_WORD) && (crier_tok_ctx(z, p) & CRIER_CTX_COMPASS_BEFORE))
        return 1;
    if (n == i + used)
        return 0;
    /* "250 miles SSE of Bermuda": two or three letters before "of" are a
     * bearing; a lone "N of" is too often a name's initial. */
    if (z->t[i].len >= 2 && crier_tok_eq(z, n, crier_phrase(z, "of")))
        return 1;
    if (crier_tok_eq(z, n, crier_phrase(z, "at")))
        n = crier_skip_space(z, n + 1);
    if (!tok_is(z, n, TK_NUM))
        return 0;
    /* the number's unit: "10 mph", "10-15 mph", "40 km/h" */
    size_t k = crier_skip_space(z, n + 1);
    if (crier_tok_dash(z, n + 1) || crier_tok_eq(z, k, crier_phrase(z, "to")))
        k = crier_skip_space(z, crier_skip_space(z, k + 1) + 1);
    crier_buf u = CRIER_BUF_INIT;
    int unit = k > n + 1 && crier_unit_parse(z, k, 1, 0, 0, &u) != 0;
    crier_buf_free(&u);
    return unit;
}

/* A listed abbreviation (expanded if its context allows), else an
 * initial, else a dotted acronym spelled out. */
size_t crier_cls_abbrev(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const tok *t = &z->t[i];
    size_t used;
    int dot;
    const crier_lex_row *r = crier_abbrev_at(z, i, &used, &dot);
    /* "11st": letters glued to a number are its suffix, not a word. */
    if (r && !dot && tok_glued(z, i) && z->t[i - 1].kind == TK_NUM)
        r = NULL;
    if (r && !(r->flags & CRIER_ABBR_COMPASS)) {
        size_t k = expand(z, i, used, dot, r);
        if (k)
            return k;
    } else if (r && wind_direction(z, i, used)) {
        crier_buf w = CRIER_BUF_INIT;
        crier_put_word(&w, r->cols[1]);
        size_t c = w.len - strlen(r->cols[1]);
        if (w.ptr && w.ptr[c] >= 'A' && w.ptr[c] <= 'Z')
            w.ptr[c] = (char)(w.ptr[c] + 32); /* "northwest" */
        return crier_emit_buf(z, &w, i, i + used);
    }
    if (!(t->flags & TF_DOTS)) {
        size_t k = initial(z, i);
        if (k)
            return k;
    }
    if (!(t->flags & TF_DOTS))
        return 0;
    /* "U.S.", "Ph.D.": spelled, with the dot ending a sentence only where
     * the next word starts one. */
    const char *s = tok_text(z, i);
    crier_buf w = CRIER_BUF_INIT;
    crier_spell(s, t->len, &w);
    crier_emit_buf(z, &w, i, i + 1);
    if (s[t->len - 1] == '.' && crier_ends_sentence(z, i + 1))
        crier_emit_pause(z, ".", tok_end(z, i) - 1, 1);
    return 1;
}

/* ==== Acronyms and capitals ============================================== */

/* Splits an upper-case word with a plural or possessive ending ("NGOs",
 * "IBM's", "NGOs'") into its capitals and the ending's length. */
static int caps_with_ending(const norm *z, size_t i, size_t *base)
{
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len, b = n;
    if (n > 3 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        b = n - 2;
    else if (n > 2 && s[n - 1] == 's')
        b = n - 1;
    else
        return 0;
    if (b < 2)
        return 0;
    for (size_t k = 0; k < b; k++)
        if (s[k] < 'A' || s[k] > 'Z')
            return 0;
    *base = b;
    return 1;
}

/* "mRNA", "cDNAs", "iOS": one or two small letters before two capitals
 * or more are part of the initialism and spelled with it. Returns the
 * tokens used, or 0. */
static size_t small_prefix(norm *z, size_t i)
{
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len, a = 0, b;
    if (n > 3 && s[n - 2] == '\'' && s[n - 1] == 's')
        n -= 2;
    else if (n > 3 && s[n - 1] == 's')
        n--;
    while (a < n && a < 3 && s[a] >= 'a' && s[a] <= 'z')
        a++;
    for (b = a; b < n && s[b] >= 'A' && s[b] <= 'Z'; b++)
        ;
    if (a == 0 || a > 2 || b != n || b - a < 2)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_spell(s, n, &w);
    if (n < z->t[i].len) {
        if (w.len && w.ptr[w.len - 1] == '\x01')
            w.len--;
        crier_buf_puts(&w, "'s");
    }
    return crier_emit_buf(z, &w, i, i + 1);
}

/* True when upper-case word i is part of a dateline: the place in
 * capitals that starts a line, "KYIV, Ukraine (AP) —", "LVIV (Reuters)
 * -". The capitals run from the line's start, and a bracket or a dash
 * comes before any word in lower case. A place name is then said as a
 * word, even one English spelling cannot cut into syllables. */
static int dateline(const norm *z, size_t i)
{
    size_t p = i, k;
    for (int n = 0;; n++) {
        size_t q = crier_prev_word(z, p);
        if (q == (size_t)-1 || z->t[q].kind == TK_NL)
            break;
        if (n == 3 || !tok_is(z, q, TK_WORD) || !(z->t[q].flags & TF_UPPER))
            return 0;
        p = q;
    }
    for (k = i + 1; k < z->n && k < i + NORM_LOOK; k++) {
        const tok *t = &z->t[k];
        if (t->kind == TK_NL || (t->kind == TK_WORD && (t->flags & TF_LOWER)))
            return 0;
        if (tok_punct(z, k, '(') || (crier_tok_dash(z, k) && tok_is(z, k - 1, TK_SPACE))) {
            size_t a = crier_skip_space(z, k + 1); /* "(AP)", "— Russian" */
            return tok_is(z, a, TK_WORD) && (z->t[a].flags & TF_CAP);
        }
    }
    return 0;
}

/* True when upper-case word i is an ordinary word shouted inside a line
 * of normal case: "HOW DO YOU NOT SEE IT?". It is a common word
 * (words.tsv), no listed acronym, and two of the four words around it
 * are in capitals too. */
static int shouted(const norm *z, size_t i)
{
    const tok *t = &z->t[i];
    if (t->len < 2 || !crier_lex_find(z->lex, CRIER_TAB_WORDS, tok_text(z, i), t->len) ||
        crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, tok_text(z, i), t->len))
        return 0;
    int caps = 0;
    size_t k = i;
    for (int n = 0; n < 2 && (k = crier_prev_word(z, k)) != (size_t)-1 && tok_is(z, k, TK_WORD); n++)
        caps += (z->t[k].flags & TF_UPPER) != 0;
    k = i;
    for (int n = 0; n < 2; n++) {
        k = crier_skip_space(z, k + 1);
        if (!tok_is(z, k, TK_WORD))
            break;
        caps += (z->t[k].flags & TF_UPPER) != 0;
    }
    return caps >= 2;
}

/* Upper-case words, with or without a plural or possessive ending. */
size_t crier_cls_caps(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const tok *t = &z->t[i];
    const char *s = tok_text(z, i);
    if (!(t->flags & (TF_UPPER | TF_CAP | TF_LOWER)) && !(t->flags & TF_DOTS)) {
        size_t k = small_prefix(z, i);
        if (k)
            return k;
    }
    size_t base = t->len;
    int ending = caps_with_ending(z, i, &base);
    if (!(t->flags & TF_UPPER) && !ending)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    const crier_lex_row *say = NULL;
    /* A name in a line of capitals ("PRISTINA/MITROVICA") is still the name:
     * give it its pronunciation, unless it is a listed acronym. */
    if ((z->flags & CRIER_NORM_PHONEMES) && (t->flags & TF_CAPS_RUN) && !ending &&
        !crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, t->len))
        say = crier_tok_find(z, CRIER_TAB_PRONUNCIATIONS, i);
    if (say) {
        crier_buf_printf(&w, "[[%s]]", say->cols[1]);
    } else if ((tok_punct(z, i + 1, '&') && tok_glued(z, i + 1)) ||
        (i > 0 && tok_punct(z, i - 1, '&') && tok_glued(z, i))) {
        crier_spell(s, t->len, &w); /* "AT&T", "R&B" */
    } else if (ending && !crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, t->len)) {
        crier_say_caps(z, s, base, (t->flags & TF_CAPS_RUN) != 0, &w);
        if (w.len && w.ptr[w.len - 1] == '\x01')
            w.len--; /* "N G A's": the ending already makes it the letter */
        crier_buf_puts(&w, "'s");
    } else if (!(t->flags & TF_CAPS_RUN) && t->len > 2 &&
               !crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, t->len) && dateline(z, i)) {
        title_case(s, t->len, &w); /* "KYIV, Ukraine (AP)" */
    } else {
        crier_say_caps(z, s, t->len, (t->flags & TF_CAPS_RUN) || shouted(z, i), &w);
    }
    return crier_emit_buf(z, &w, i, i + 1);
}

/* ==== Plain words ======================================================== */

/* Appends `s` with the American spelling from spellings.tsv where the
 * en-US voice says the British one differently ("organisation"), keeping
 * a capital at the start; returns 0 when the table has nothing for it.
 * Endings are tried longest first, so the table's few rows are scanned
 * only for long words. */
static int respell(const norm *z, const char *s, size_t n, crier_buf *w)
{
    if (z->flags & CRIER_NORM_GB)
        return 0;
    size_t full = n; /* a possessive keeps its ending: "Organisation's" */
    if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
        n -= 2;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_SPELLINGS, s, n);
    size_t keep = 0;
    if (r && (r->flags & CRIER_SPELL_ENDING))
        r = NULL;
    for (size_t k = 0; !r && n > 8 && k < crier_lex_count(z->lex, CRIER_TAB_SPELLINGS); k++) {
        const crier_lex_row *e = crier_lex_at(z->lex, CRIER_TAB_SPELLINGS, k);
        size_t m = strlen(e->cols[0]);
        if ((e->flags & CRIER_SPELL_ENDING) && m + 3 <= n && memcmp(s + n - m, e->cols[0], m) == 0) {
            r = e;
            keep = n - m;
        }
    }
    if (!r)
        return 0;
    crier_buf_put(w, s, keep);
    const char *us = r->cols[1];
    if (!keep && s[0] >= 'A' && s[0] <= 'Z' && us[0] >= 'a' && us[0] <= 'z') {
        crier_buf_putc(w, (char)(us[0] - 32));
        us++;
    }
    crier_buf_puts(w, us);
    crier_buf_put(w, s + n, full - n);
    return 1;
}

/* Any other word is said as written (in the American spelling for the
 * en-US voice, see respell()), or as eSpeak phonemes when the caller
 * asked for them and pronunciations.tsv has the word. */
/* A single capital at token k. */
static int capital_letter(const norm *z, size_t k)
{
    return tok_is(z, k, TK_WORD) && z->t[k].len == 1 && (z->t[k].flags & TF_CAP);
}

/* See norm.h. */
int crier_slash_initials(const norm *z, size_t k)
{
    return k > 0 && tok_punct(z, k, '/') && tok_glued(z, k) && tok_glued(z, k + 1) &&
           capital_letter(z, k - 1) && capital_letter(z, k + 1);
}

/* "$4K x 3", "$20 x 12 months", "40% x 2": a lone "x" between an amount
 * and a number multiplies. Sizes ("12 x 15 feet") are read before this,
 * as a whole; what is left has an amount in money or a scale. */
static int times_sign(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i), n = crier_skip_space(z, i + 1);
    return z->t[i].len == 1 && tok_text(z, i)[0] == 'x' && p != (size_t)-1 && n > i + 1 &&
           tok_is(z, n, TK_NUM) && p + 1 < i &&
           (tok_is(z, p, TK_NUM) || (p > 0 && tok_glued(z, p) && tok_is(z, p - 1, TK_NUM)));
}

size_t crier_cls_word(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const tok *t = &z->t[i];
    crier_buf w = CRIER_BUF_INIT;
    /* "(a) cars; (b) trucks", "b) trucks": a list's letter is the letter,
     * not the article. */
    if (t->len == 1 && (t->flags & TF_LOWER) && tok_punct(z, i + 1, ')') && tok_glued(z, i + 1) &&
        (i == 0 || !tok_glued(z, i) || tok_punct(z, i - 1, '('))) {
        crier_spell(tok_text(z, i), 1, &w);
        return crier_emit_buf(z, &w, i, i + 1);
    }
    if (times_sign(z, i)) {
        crier_emit_toks(z, crier_phrase(z, "times"), i, i + 1);
        return 1;
    }
    /* "A/B testing", "P/E": capitals joined by a slash are letters. */
    if (crier_slash_initials(z, i + 1) || (i > 0 && crier_slash_initials(z, i - 1))) {
        crier_spell(tok_text(z, i), 1, &w);
        return crier_emit_buf(z, &w, i, i + 1);
    }
    /* "DoJ", "MoD", "PhD": three letters, capitals at both ends and one
     * small letter between, are an initialism (acronyms.tsv may say
     * otherwise); eSpeak would say "doo jay". */
    const char *s = tok_text(z, i);
    int poss = t->len == 5 && s[3] == '\'' && s[4] == 's'; /* "PhD's" */
    if ((t->len == 3 || poss) && (t->flags & TF_CAP) && s[1] >= 'a' && s[1] <= 'z' &&
        s[2] >= 'A' && s[2] <= 'Z' && !crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, 3)) {
        crier_spell(s, 3, &w);
        if (poss)
            crier_buf_puts(&w, "'s");
        return crier_emit_buf(z, &w, i, i + 1);
    }
    const crier_lex_row *r = (z->flags & CRIER_NORM_PHONEMES)
                                 ? crier_tok_find(z, CRIER_TAB_PRONUNCIATIONS, i)
                                 : NULL;
    if (r)
        crier_buf_printf(&w, "[[%s]]", r->cols[1]);
    else if (!respell(z, tok_text(z, i), t->len, &w))
        crier_buf_put(&w, tok_text(z, i), t->len);
    return crier_emit_buf(z, &w, i, i + 1);
}

/* ==== Idioms ============================================================= */

/* "24/7", "9/11", "y/y": a run of glued tokens, a number or a word and a
 * punctuation mark, that is a whole entry of idioms.tsv, said as the
 * table says. The longest entry wins; a run glued to more letters or
 * digits is not an idiom. */
size_t crier_cls_idiom(norm *z, size_t i)
{
    enum { MAX_TOKS = 5 };
    if (!(tok_is(z, i, TK_NUM) || tok_is(z, i, TK_WORD)) || !tok_is(z, i + 1, TK_PUNCT) ||
        !tok_glued(z, i + 1) ||
        (i > 0 && tok_glued(z, i) && (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM)))
        return 0;
    size_t j = i + 1;
    while (j + 1 < z->n && j + 1 < i + MAX_TOKS && tok_glued(z, j + 1))
        j++;
    for (size_t k = j; k > i; k--) {
        if (tok_is(z, k + 1, TK_WORD) && tok_glued(z, k + 1))
            continue;
        if (tok_is(z, k + 1, TK_NUM) && tok_glued(z, k + 1))
            continue;
        /* "9/11/2001" is a date that starts like "9/11" */
        if ((tok_punct(z, k + 1, '/') || tok_punct(z, k + 1, '-')) && tok_is(z, k + 2, TK_NUM) &&
            tok_glued(z, k + 1) && tok_glued(z, k + 2))
            continue;
        const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_IDIOMS, tok_text(z, i),
                                                tok_end(z, k) - z->t[i].off);
        if (r) {
            crier_emit_toks(z, r->cols[1], i, k + 1);
            return k + 1 - i;
        }
    }
    return 0;
}
