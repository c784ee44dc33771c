/* roman.c -- stage 2: Roman numerals, read only where the context says
 * they are numbers.
 *
 * After a word that counts ("Chapter IV", "World War II", "Super Bowl
 * LVII", roman-context.tsv, how = cardinal) a numeral is a cardinal:
 * "Chapter four". After a name that monarchs and popes bear
 * (roman-context.tsv, how = regnal) it is a regnal ordinal: "Henry VIII"
 * is "Henry the eighth", "Pope John Paul II" "Pope John Paul the
 * second", "Charles V" "Charles the fifth". After other names it is a
 * number: "Crocodile Dundee II" is "Crocodile Dundee two". One-letter
 * numerals ("I", "V", "X") are too often something else (the pronoun
 * "I"), so they are read only after a counting word or a regnal name. A
 * numeral alone at the start of a line is a heading: "VII." is "seven.".
 * Anything else in capitals ("MIX", "CIVIC") is left to the acronym
 * rules, and only canonical numerals are read: "IIII" is not four. */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <string.h>

static int roman_digit(char c)
{
    switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    }
    return 0;
}

/* Writes the canonical numeral for v (1..3999) into out. */
static void roman_write(int v, char *out)
{
    static const struct { int v; const char *s; } R[] = {
        {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
        {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
    out[0] = '\0';
    for (size_t k = 0; k < CRIER_ARRAY_LEN(R); k++)
        while (v >= R[k].v) {
            strcat(out, R[k].s);
            v -= R[k].v;
        }
}

/* The value of a canonical Roman numeral s[0..n), or 0. */
static int roman_value(const char *s, size_t n)
{
    if (n == 0 || n > 15)
        return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        int d = roman_digit(s[i]);
        if (!d)
            return 0;
        int next = i + 1 < n ? roman_digit(s[i + 1]) : 0;
        v += d < next ? -d : d;
    }
    if (v <= 0 || v > 3999)
        return 0;
    char canon[20];
    roman_write(v, canon);
    return strlen(canon) == n && memcmp(canon, s, n) == 0 ? v : 0;
}

/* The roman-context `how` of word token i ("cardinal", "regnal",
 * "title"), or NULL. */
static const char *context_how(const norm *z, size_t i)
{
    const crier_lex_row *r = tok_is(z, i, TK_WORD) ? crier_tok_find(z, CRIER_TAB_ROMAN_CONTEXT, i)
                                                   : NULL;
    return r ? r->cols[1] : NULL;
}

/* True when word token p is a middle initial: one capital letter before
 * a dot ("D." in "John D. Rockefeller"). */
static int initial_at(const norm *z, size_t p)
{
    return tok_is(z, p, TK_WORD) && z->t[p].len == 1 && (z->t[p].flags & TF_CAP) &&
           tok_punct(z, p + 1, '.');
}

/* True when the capitalised name at token p is a person's: a run of up to
 * three capitalised words or initials ending at p holds a regnal name
 * ("John Jacob Astor IV", "John D. Rockefeller IV", "Henry Ford II") or a title ("King Gustav"), or a title or
 * kinship word stands just before the run ("his uncle Eberhard IV"). */
static int person_name(const norm *z, size_t p)
{
    for (int k = 0; k < 4 && p != (size_t)-1; k++) {
        const char *how = context_how(z, p);
        if (how && (k > 0 || strcmp(how, "title") == 0) &&
            (strcmp(how, "regnal") == 0 || strcmp(how, "title") == 0))
            return 1;
        if (!tok_is(z, p, TK_WORD) || !(z->t[p].flags & TF_CAP) || (z->t[p].flags & TF_UPPER))
            return 0;
        p = crier_prev_word(z, p);
        /* "John D. Rockefeller IV": step over the initial's dot. */
        if (p != (size_t)-1 && tok_punct(z, p, '.') && p > 0 && initial_at(z, p - 1))
            p--;
    }
    return 0;
}

/* A numeral that nothing around it explains is still a number when it
 * can be nothing else: two letters or more, only I, V and X ("battle
 * II", "from VI to VII"), and not an acronym that acronyms.tsv lists
 * ("IV" for intravenous). "MIX", "CIVIC" and "DC" keep their letters. */
static int plain_numeral(const norm *z, size_t i)
{
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len;
    if (n < 2 || crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, n))
        return 0;
    /* "MDCCCLXV" on a title page: six canonical letters or more are no
     * acronym. */
    if (n >= 6 && !(z->t[i].flags & TF_CAPS_RUN))
        return 1;
    for (size_t k = 0; k < n; k++)
        if (s[k] != 'I' && s[k] != 'V' && s[k] != 'X')
            return 0;
    return 1;
}

/* How the words before the numeral at token i say it reads: 'c'
 * cardinal, 'o' ordinal ("the eighth"), or 0 (they do not say). */
static int roman_context(const norm *z, size_t i, int value)
{
    size_t p = crier_prev_word(z, i);
    size_t n = z->t[i].len;
    if (p == (size_t)-1 || z->t[p].kind == TK_NL) {
        /* A heading: the numeral alone, or before a dot or a colon, or
         * before a title in capitals ("III OF THE RULES"). */
        size_t k = crier_skip_space(z, i + 1);
        if (k >= z->n || z->t[k].kind == TK_NL || tok_punct(z, k, '.') || tok_punct(z, k, ':') ||
            (n >= 2 && tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_CAPS_RUN)))
            return 'c';
        return 0;
    }
    /* "Chap. XXXII": an abbreviated counting word. But "the group. I
     * could", "the war. I saw": a full stop after a whole word, or after
     * a word in lower case with a verb after the numeral, and the "I" is
     * the pronoun that starts the next sentence. */
    if (tok_punct(z, p, '.') && p > 0 && tok_is(z, p - 1, TK_WORD)) {
        size_t k = crier_skip_space(z, i + 1);
        if (n == 1 && (z->t[p - 1].len > 4 || ((z->t[p - 1].flags & TF_LOWER) &&
                                               tok_is(z, k, TK_WORD) &&
                                               (z->t[k].flags & TF_LOWER))))
            return 0;
        p--;
    }
    if (!tok_is(z, p, TK_WORD))
        return 0;
    const char *how = context_how(z, p);
    /* "the part I played", "the class I teach": after a counting word in
     * lower case, an "I" before a word in lower case is the pronoun
     * starting a clause; "Part I of", "phase I." are numbers. */
    size_t k = crier_skip_space(z, i + 1);
    if (n == 1 && value == 1 && (z->t[p].flags & TF_LOWER) && k > i + 1 && tok_is(z, k, TK_WORD) &&
        (z->t[k].flags & TF_LOWER))
        return 0;
    if (how && strcmp(how, "cardinal") == 0)
        return 'c';
    if (!(z->t[p].flags & TF_CAP))
        return 0;
    if (how && strcmp(how, "regnal") == 0)
        return 'o';
    /* After any other name, numerals of two letters or more are regnal
     * when the name is a person's ("John Jacob Astor IV"), else numbers
     * ("Crocodile Dundee II", "Kennicott II"), unless the name is itself
     * an acronym ("DJ MIX"). */
    if (n >= 2 && value <= 60 && (!(z->t[p].flags & TF_UPPER) || (z->t[p].flags & TF_CAPS_RUN)))
        return person_name(z, p) ? 'o' : 'c';
    return 0;
}

/* How the numeral at token i reads: 'c' cardinal, 'o' ordinal ("the
 * eighth"), or 0 (not a number here). */
static int roman_reading(const norm *z, size_t i, int value)
{
    int how = roman_context(z, i, value);
    return how ? how : plain_numeral(z, i) ? 'c' : 0;
}

/* The value of the word at token i as a canonical numeral in either
 * case ("XIV", "xiv"), or 0. */
static int any_case_value(const norm *z, size_t i)
{
    size_t n = z->t[i].len;
    char up[16];
    if (!tok_is(z, i, TK_WORD) || n >= sizeof up)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = tok_text(z, i)[k];
        up[k] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    return roman_value(up, n);
}

/* See norm.h. */
int crier_roman_word_value(const norm *z, size_t i)
{
    return any_case_value(z, i);
}

/* True when token p is an abbreviated counting word and its dot: "ch."
 * "vol." "Chap.". After it even a one-letter numeral is a number ("chap.
 * v."), since the pronoun and "versus" cannot follow it. */
static int counting_abbrev(const norm *z, size_t p)
{
    if (p == (size_t)-1 || p == 0 || !tok_punct(z, p, '.') || !tok_is(z, p - 1, TK_WORD) ||
        z->t[p - 1].len > 4)
        return 0;
    const char *how = context_how(z, p - 1);
    return how && strcmp(how, "cardinal") == 0;
}

/* See norm.h. */
int crier_roman_counted(const norm *z, size_t i, const char *said)
{
    size_t n = z->t[i].len;
    if (!any_case_value(z, i) || (tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1)))
        return 0;
    if (n >= 2)
        return 1;
    /* One letter ends its phrase: "chap. v.", "Vol. I,", not "No. I
     * think". */
    size_t k = crier_skip_space(z, i + 1);
    if (k < z->n && z->t[k].kind != TK_NL && (k > i + 1 || z->t[k].kind != TK_PUNCT))
        return 0;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_ROMAN_CONTEXT, said, strlen(said));
    return r && strcmp(r->cols[1], "cardinal") == 0 && strchr("IVXivx", tok_text(z, i)[0]);
}

/* "Chap. XII. was the longest", "ch. iv. for the rest": the dot after a
 * numeral read as a number is not a full stop when the sentence goes on
 * in lower case. Returns the token after the numeral. */
static size_t numeral_dot(const norm *z, size_t end)
{
    size_t k = crier_skip_space(z, end + 1);
    return tok_punct(z, end, '.') && k > end + 1 && tok_is(z, k, TK_WORD) &&
                   (z->t[k].flags & TF_LOWER)
               ? end + 1
               : end;
}

/* "chapter iv", "Psalm xxiii", "ch. iv.": a numeral in lower case, as old
 * books write them, only after a counting word and with two letters or
 * more (not "part i", the pronoun's letter, nor "letter x"), up to a
 * hundred ("class mix" is a word). After an abbreviated counting word one
 * letter will do: "chap. v.". */
static size_t lower_numeral(norm *z, size_t i)
{
    size_t n = z->t[i].len;
    if (n >= 16 || (tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1)))
        return 0;
    int v = any_case_value(z, i);
    size_t p = crier_prev_word(z, i);
    int abbr = counting_abbrev(z, p);
    const char *how = p != (size_t)-1 ? context_how(z, abbr ? p - 1 : p) : NULL;
    if (!v || v > 100 || !how || strcmp(how, "cardinal") != 0 || (n < 2 && !abbr))
        return 0;
    char d[8];
    snprintf(d, sizeof d, "%d", v);
    crier_buf w = CRIER_BUF_INIT;
    crier_say_cardinal(z, d, strlen(d), &w);
    return crier_emit_buf(z, &w, i, numeral_dot(z, i + 1));
}

/* "the XVIIth century", "Louis XIVth": a numeral of two letters or more
 * with an English ordinal ending glued to it. Returns the numeral's
 * length, or 0. */
static size_t ordinal_numeral(const char *s, size_t n)
{
    static const char *const end[] = {"th", "st", "nd", "rd"};
    if (n < 4)
        return 0;
    for (size_t k = 0; k < CRIER_ARRAY_LEN(end); k++)
        if (memcmp(s + n - 2, end[k], 2) == 0 && roman_value(s, n - 2))
            return n - 2;
    return 0;
}

static size_t say_roman_ordinal(norm *z, size_t i, int v)
{
    char d[8];
    snprintf(d, sizeof d, "%d", v);
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, "");
    crier_say_ordinal(z, d, strlen(d), &w);
    return crier_emit_buf(z, &w, i, i + 1);
}

/* True when a counting word of roman-context.tsv ("Chapter") comes right
 * before token i. */
static int counted(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i);
    const char *how = p != (size_t)-1 && tok_is(z, p, TK_WORD) ? context_how(z, p) : NULL;
    return how && strcmp(how, "cardinal") == 0;
}

/* A canonical numeral, alone as a word, read the way roman_reading()
 * says; a regnal numeral may keep an old-style dot or a possessive. */
size_t crier_cls_roman(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD) ||
        (tok_glued(z, i) && !tok_punct(z, i - 1, '(') && !crier_tok_dash(z, i - 1)))
        return 0;
    const tok *t = &z->t[i];
    const char *s = tok_text(z, i);
    /* "Henry VIII's": the possessive is part of the word token. */
    size_t n = t->len >= 3 && s[t->len - 2] == '\'' && s[t->len - 1] == 's' ? t->len - 2 : t->len;
    int v = roman_value(s, n);
    size_t th = ordinal_numeral(s, t->len);
    if (th)
        return say_roman_ordinal(z, i, roman_value(s, th));
    if (!v && (t->flags & TF_LOWER))
        return lower_numeral(z, i);
    /* "the X's" are letters; "Charles I's" is let through to a regnal
     * reading below, and only to that. */
    int letter_poss = n < t->len && n < 2;
    size_t lp = crier_prev_word(z, i);
    if (letter_poss && (lp == (size_t)-1 || !tok_is(z, lp, TK_WORD) || z->t[lp].len < 2))
        return 0; /* "V I I I's", spelled out letter by letter */
    if (n < t->len && !v)
        return 0;
    if (!v || (tok_is(z, i + 1, TK_NUM) && tok_glued(z, i + 1)))
        return 0;
    /* One letter: only I, V and X, and L after a counting word ("CHAPTER
     * L." of a long novel); "C", "D", "M" are letters. D and M in short
     * words are abbreviations ("CD", "MD", "DC"). */
    if (n == 1 && v != 1 && v != 5 && v != 10 && !(v == 50 && counted(z, i)))
        return 0;
    if (n < 4 && (memchr(s, 'D', n) || memchr(s, 'M', n)))
        return 0;
    int how = roman_reading(z, i, v);
    if (!how || (letter_poss && how != 'o'))
        return 0;
    char d[8];
    snprintf(d, sizeof d, "%d", v);
    crier_buf w = CRIER_BUF_INIT;
    if (how == 'o') {
        crier_put_phrase(z, "the", &w);
        crier_put_word(&w, "");
        crier_say_ordinal(z, d, strlen(d), &w);
    } else if (v >= 1100 && v < 2100 && n >= 5) {
        crier_say_year(z, d, 4, &w); /* "MDCCCLXV": a date on a title page */
    } else {
        crier_say_cardinal(z, d, strlen(d), &w);
    }
    size_t end = i + 1;
    if (n < t->len) {
        crier_buf_puts(&w, "'s");
        return crier_emit_buf(z, &w, i, end);
    }
    /* "Charles V. prosecuted": the old-style dot after a regnal numeral
     * is not a full stop when the sentence goes on in lower case. */
    size_t k = crier_skip_space(z, i + 2);
    if (how == 'o' && tok_punct(z, end, '.') && tok_is(z, k, TK_WORD) &&
        (z->t[k].flags & TF_LOWER))
        end++;
    else if (how == 'c' && (counting_abbrev(z, crier_prev_word(z, i)) || counted(z, i)))
        end = numeral_dot(z, end); /* "Canto XII. is the finest" */
    /* "Louis XII's", "Louis XII.'s" */
    size_t e = tok_punct(z, end, '.') && tok_punct(z, end + 1, '\'') ? end + 1 : end;
    if (tok_punct(z, e, '\'') && crier_tok_eq(z, e + 1, "s") && tok_glued(z, e + 1)) {
        crier_buf_puts(&w, "'s");
        end = e + 2;
    }
    return crier_emit_buf(z, &w, i, end);
}
