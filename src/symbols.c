/* symbols.c -- stage 2: symbols and punctuation that no other class took.
 *
 * Sentence punctuation stays as a pause for the speech engine. Brackets
 * and dashes become commas, quotes vanish, a hyphen inside a compound
 * stays ("state-issued"), and an ellipsis is a comma, or a full stop
 * when the next word starts a sentence. Symbols are read from
 * symbols.tsv by their context: "&" is always "and", "+" only between
 * numbers ("2 + 3"), "%" after one, "/" between lower-case words
 * ("upgrade/update") and a pause elsewhere ("PRISTINA/MITROVICA"). An
 * apostrophe-s cut off by tokenized text ("Michael 's") is put back on
 * its word. */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* See norm.h. The U+XXXX form exists for symbols a TSV line cannot
 * start with. */
const crier_lex_row *crier_symbol_row(const norm *z, int32_t cp)
{
    crier_buf b = CRIER_BUF_INIT;
    crier_buf_put_cp(&b, cp);
    const crier_lex_row *r = b.ptr ? crier_lex_find(z->lex, CRIER_TAB_SYMBOLS, b.ptr, b.len) : NULL;
    if (!r) {
        crier_buf_truncate(&b, 0);
        crier_buf_printf(&b, "U+%04X", (unsigned)cp);
        if (b.ptr)
            r = crier_lex_find(z->lex, CRIER_TAB_SYMBOLS, b.ptr, b.len);
    }
    crier_buf_free(&b);
    return r;
}

/* The number token next to token i in direction `dir` (+1 or -1), past
 * one space at most, or (size_t)-1. */
static size_t num_beside(const norm *z, size_t i, int dir)
{
    size_t k = dir > 0 ? i + 1 : i - 1;
    if (dir < 0 && i == 0)
        return (size_t)-1;
    if (tok_is(z, k, TK_SPACE) && z->t[k].len == 1) {
        if (dir < 0 && k == 0)
            return (size_t)-1;
        k = dir > 0 ? k + 1 : k - 1;
    }
    /* "10^-4": a minus sign glued to the number after; "P<.001": a
     * decimal point. */
    if (dir > 0 && (tok_punct(z, k, '-') || tok_punct(z, k, '.')) && tok_is(z, k + 1, TK_NUM) &&
        tok_glued(z, k + 1))
        k++;
    return tok_is(z, k, TK_NUM) ? k : (size_t)-1;
}

static int lower_word(const norm *z, size_t i)
{
    return tok_is(z, i, TK_WORD) && (z->t[i].flags & TF_LOWER);
}

/* "salt + pepper", "B + C": a symbol with a space on each side, between
 * two words of the same sentence, joins them as a word would. */
static int spaced_between_words(const norm *z, size_t i, size_t p, size_t n)
{
    return p != (size_t)-1 && p + 2 == i && tok_is(z, p, TK_WORD) && tok_is(z, i - 1, TK_SPACE) &&
           n == i + 2 && tok_is(z, i + 1, TK_SPACE) && tok_is(z, n, TK_WORD);
}

/* "x^2 + y^2 = z^2", "a² + b² = c²": in a sum, a spaced sign between
 * numbers, variables and exponents is read as between two words. The
 * sum is an equals sign ahead on the line, past terms of short words,
 * numbers and signs only. */
static int spaced_in_sum(const norm *z, size_t i, size_t p, size_t n)
{
    int sign = p != (size_t)-1 && (tok_is(z, p, TK_SYM) || tok_is(z, p, TK_PUNCT));
    const crier_lex_row *pr = sign ? crier_symbol_row(z, z->t[p].cp) : NULL;
    if (p == (size_t)-1 || p + 2 != i || n != i + 2 || !tok_is(z, i - 1, TK_SPACE) ||
        !tok_is(z, i + 1, TK_SPACE) ||
        !(tok_is(z, p, TK_WORD) || tok_is(z, p, TK_NUM) || (pr && (pr->flags & CRIER_SYM_POWER))) ||
        !(tok_is(z, n, TK_WORD) || tok_is(z, n, TK_NUM)))
        return 0;
    for (size_t k = i + 1; k < z->n && k < i + 12; k++) {
        if (tok_punct(z, k, '='))
            return 1;
        if (z->t[k].kind == TK_NL || (tok_is(z, k, TK_WORD) && z->t[k].len > 3))
            return 0;
    }
    return 0;
}

/* "3 meals/day", "600 IU/day": a slash glued between a word and a unit
 * of time that only a slash brings (units.tsv flag per, two letters or
 * more) is "per". */
static int per_period(const norm *z, size_t i)
{
    if (z->t[i].cp != '/' || i == 0 || !tok_glued(z, i) || !tok_is(z, i - 1, TK_WORD) ||
        !tok_is(z, i + 1, TK_WORD) || !tok_glued(z, i + 1) || z->t[i + 1].len < 2 ||
        (tok_is(z, i + 2, TK_WORD) && tok_glued(z, i + 2)) ||
        (i >= 2 && tok_is(z, i - 2, TK_NUM) && tok_glued(z, i - 1)) ||
        crier_tok_find(z, CRIER_TAB_UNITS, i - 1))
        return 0; /* "year/month" are two of a kind */
    /* "60 beats/min", "400 words/min", "copies/mL": after a counted noun
     * (a number before it, or a count noun of context-words.tsv), any
     * unit in any case the table allows is the rate's divisor. */
    int counted = (i >= 3 && tok_is(z, i - 2, TK_SPACE) && tok_is(z, i - 3, TK_NUM)) ||
                  (crier_tok_ctx(z, i - 1) & CRIER_CTX_COUNT_NOUN);
    const crier_lex_row *u = crier_unit_row(z, tok_text(z, i + 1), z->t[i + 1].len);
    if (!u || (u->flags & (CRIER_UNIT_AFTER | CRIER_UNIT_BEFORE)))
        return 0;
    return counted || ((u->flags & CRIER_UNIT_PER) && (z->t[i + 1].flags & TF_LOWER));
}

/* "10²", "x²", "E = mc²": an exponent (flag power) glued to a number,
 * or to a short lower-case word or a single capital, as an equation
 * names its variables. After a longer word ("Smith²") it is a footnote's
 * mark and stays silent. */
static int power_after(const norm *z, size_t i)
{
    if (i == 0 || !tok_glued(z, i))
        return 0;
    const tok *p = &z->t[i - 1];
    return p->kind == TK_NUM ||
           (p->kind == TK_WORD && (((p->flags & TF_LOWER) && p->len <= 3) || p->len == 1));
}

/* Reads a symbol through symbols.tsv; returns 1 when it said something
 * or paused, 0 when the symbol is silent here. */
static int table_symbol(norm *z, size_t i)
{
    const crier_lex_row *r = crier_symbol_row(z, z->t[i].cp);
    if (!r || (r->flags & CRIER_SYM_ADDRESS))
        return 0;
    unsigned f = r->flags;
    int nb = num_beside(z, i, -1) != (size_t)-1, na = num_beside(z, i, +1) != (size_t)-1;
    /* "~$5 million": an amount of money counts as a number after it. */
    size_t c = crier_skip_space(z, i + 1);
    if (!na && tok_is(z, c, TK_SYM) && tok_is(z, c + 1, TK_NUM) && tok_glued(z, c + 1) &&
        crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, tok_text(z, c), z->t[c].len))
        na = 1;
    /* "3,000 m × 45 m": a multiplication sign after a measure and before a
     * number gives the second side of a size, "by". */
    size_t u = crier_prev_word(z, i), un = u != (size_t)-1 ? crier_prev_word(z, u) : u;
    if (z->t[i].cp == 0xD7 && !nb && na && u != (size_t)-1 && tok_is(z, u, TK_WORD) &&
        crier_tok_find(z, CRIER_TAB_UNITS, u) && un != (size_t)-1 && tok_is(z, un, TK_NUM)) {
        crier_emit_toks(z, crier_phrase(z, "by"), i, i + 1);
        return 1;
    }
    /* "2× Platinum", "a 10× zoom": glued to a number, before a word, the
     * sign is a multiple, "two times platinum", as "2x" is. */
    if (z->t[i].cp == 0xD7 && nb && tok_glued(z, i) && tok_is(z, i + 1, TK_SPACE) &&
        tok_is(z, i + 2, TK_WORD)) {
        crier_emit_toks(z, r->cols[1], i, i + 1);
        return 1;
    }
    if (f & CRIER_SYM_POWER) {
        if (!power_after(z, i))
            return 0;
        crier_emit_toks(z, r->cols[1], i, i + 1);
        return 1;
    }
    int say = 1;
    if (f & (CRIER_SYM_NUMERIC | CRIER_SYM_BEFORE_NUM | CRIER_SYM_AFTER_NUM | CRIER_SYM_WORDS)) {
        size_t p = crier_prev_word(z, i), n = crier_skip_space(z, i + 1);
        int alone = (p == (size_t)-1 || z->t[p].kind == TK_WORD || z->t[p].kind == TK_NL) &&
                    !tok_glued(z, i) && !tok_glued(z, i + 1);
        int apart = (f & CRIER_SYM_GLUED) && !(tok_glued(z, i) && tok_glued(z, i + 1));
        say = ((f & CRIER_SYM_NUMERIC) && nb && na && !apart) ||
              ((f & CRIER_SYM_BEFORE_NUM) && na) ||
              ((f & CRIER_SYM_AFTER_NUM) && (nb || alone)) ||
              ((f & CRIER_SYM_WORDS) && p != (size_t)-1 && lower_word(z, p) && lower_word(z, n) &&
               tok_glued(z, i) == tok_glued(z, i + 1)) ||
              ((f & CRIER_SYM_SPACED) &&
               (spaced_between_words(z, i, p, n) || spaced_in_sum(z, i, p, n)));
    }
    /* "P/E", "A/B testing": a slash between two capitals glued to it joins
     * an initialism, no pause. */
    int initials = crier_slash_initials(z, i);
    if (say)
        crier_emit_toks(z, r->cols[1], i, i + 1);
    else if ((f & CRIER_SYM_PAUSE) && !initials)
        crier_emit_pause(z, ",", z->t[i].off, z->t[i].len);
    return 1;
}

/* True when the dot at token i stands alone between spaces inside a
 * sentence ("p . 209", "the . vn domain"), as only text that was
 * tokenized before it reached us writes it. It is left as it was
 * written, since nothing says what the writer meant by it. */
static int spaced_dot(const norm *z, size_t i)
{
    if (!tok_is(z, i - (i > 0), TK_SPACE) || i == 0 || !tok_is(z, i + 1, TK_SPACE))
        return 0;
    size_t k = i + 2;
    return tok_is(z, k, TK_NUM) || (tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_LOWER));
}

/* "...", "…": a full stop before a word that starts a sentence, else a
 * comma. Returns the tokens used. */
static size_t ellipsis(norm *z, size_t i)
{
    size_t j = i;
    while (tok_punct(z, j, '.') || tok_punct(z, j, 0x2026))
        j++;
    size_t k = crier_skip_space(z, j);
    while (tok_punct(z, k, '"') || tok_punct(z, k, '\''))
        k++;
    int stop = k >= z->n || z->t[k].kind == TK_NL ||
               (tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_CAP) &&
                (crier_tok_ctx(z, k) & CRIER_CTX_STARTER));
    crier_emit_pause(z, stop ? "." : ",", z->t[i].off, tok_end(z, j - 1) - z->t[i].off);
    return j - i;
}

/* True when an equals sign follows token i closely: "1-2=5". */
static int equation(const norm *z, size_t i)
{
    for (size_t k = i + 1; k < z->n && k < i + 5; k++)
        if (tok_punct(z, k, '='))
            return 1;
    return 0;
}

/* "pro- and anti-war", "19th- or 20th-century": a hyphen that ends a word
 * and waits for the compound after it. Read as nothing, not as a pause,
 * since the phrase runs on; found by its shape, a hyphenated word a few
 * words later. */
static int suspended(const norm *z, size_t i)
{
    if (tok_is(z, i + 1, TK_WORD) || tok_is(z, i + 1, TK_NUM) || crier_tok_dash(z, i + 1))
        return 0;
    size_t k = crier_skip_space(z, i + 1);
    for (int words = 0; k < z->n && words < 3; k++) {
        if (z->t[k].kind == TK_WORD || z->t[k].kind == TK_NUM)
            words += !tok_glued(z, k);
        else if (tok_punct(z, k, '-'))
            return tok_glued(z, k) && (tok_is(z, k + 1, TK_WORD) || tok_is(z, k + 1, TK_NUM));
        else if (z->t[k].kind != TK_SPACE)
            return 0;
    }
    return 0;
}

/* "[T]he", "reform[s]": an editor's bracket inside a word, which the
 * listener should hear as the word. */
static int inside_word(const norm *z, size_t i)
{
    if (i == 0 || !tok_glued(z, i))
        return 0;
    if (tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1))
        return z->t[i - 1].kind == TK_WORD || tok_punct(z, i - 1, '[') ||
               tok_punct(z, i - 1, ']');
    /* The "]" of "reform[s]": its "[" opened inside the word. */
    return z->t[i].cp == ']' && i >= 3 && tok_punct(z, i - 2, '[') && tok_glued(z, i - 2) &&
           z->t[i - 3].kind == TK_WORD;
}

/* "...in 1999.[3]": a reference mark glued to the text before it points
 * at a footnote a listener cannot see, so it is not read. */
static int citation(const norm *z, size_t i)
{
    return z->t[i].cp == '[' && i > 0 && tok_glued(z, i) && tok_is(z, i + 1, TK_NUM) &&
           z->t[i + 1].len <= 3 && tok_punct(z, i + 2, ']') && tok_glued(z, i + 2);
}

/* A hyphen: kept inside a compound ("state-issued", "mid-1980s"), a
 * minus in a sum ("1-2=5"), a pause between spaces or doubled ("--"),
 * else nothing. */
static size_t hyphen(norm *z, size_t i)
{
    if (num_beside(z, i, -1) != (size_t)-1 && num_beside(z, i, +1) != (size_t)-1 &&
        equation(z, i)) {
        crier_emit_toks(z, crier_phrase(z, "minus"), i, i + 1);
        return 1;
    }
    /* "½-mile": a vulgar fraction (U+00BC-00BE, U+2150-215E) counts as a
     * number; "Gov.-elect": an abbreviation's dot, which it said as a
     * word (a dot said as a pause is caught below). */
    int32_t pc = i > 0 ? z->t[i - 1].cp : 0;
    int before = i > 0 && tok_glued(z, i) &&
                 (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM || pc == '.' ||
                  (z->t[i - 1].kind != TK_SPACE && ((pc >= 0xBC && pc <= 0xBE) ||
                                                 (pc >= 0x2150 && pc <= 0x215E))));
    /* "mid-'80s": a decade cut to two digits after the hyphen; "the
     * mid-$400s": an amount of money */
    int after = tok_is(z, i + 1, TK_WORD) || tok_is(z, i + 1, TK_NUM) ||
                ((tok_punct(z, i + 1, '\'') ||
                  (tok_is(z, i + 1, TK_SYM) &&
                   crier_lex_find(z->lex, CRIER_TAB_CURRENCIES, tok_text(z, i + 1), z->t[i + 1].len))) &&
                 tok_glued(z, i + 1) && tok_is(z, i + 2, TK_NUM) && tok_glued(z, i + 2));
    if (before && after && z->out.len && z->out.ptr[z->out.len - 1] != ' ' &&
        !strchr(",.;:!?\n", z->out.ptr[z->out.len - 1])) {
        crier_buf_putc(&z->out, '-');
        z->glue = 1;
        z->letter_a = 0;
        return 1;
    }
    if (before && suspended(z, i))
        return 1;
    size_t j = i;
    while (crier_tok_dash(z, j))
        j++;
    if (j - i > 1 || !before || !after)
        crier_emit_pause(z, ",", z->t[i].off, tok_end(z, j - 1) - z->t[i].off);
    return j - i;
}

/* "12's", "Michael 's": an apostrophe-s after a word or a number. Glued,
 * it stays on its word; cut off by tokenized text, it is left as it was
 * written, since nothing says the writer meant a possessive. */
static size_t apostrophe_s(norm *z, size_t i)
{
    if (!crier_tok_eq(z, i + 1, "s") || !tok_glued(z, i + 1) ||
        (tok_is(z, i + 2, TK_WORD) && tok_glued(z, i + 2)))
        return 0;
    size_t p = crier_prev_word(z, i);
    if (p == (size_t)-1 || (z->t[p].kind != TK_WORD && z->t[p].kind != TK_NUM))
        return 0;
    if (!z->out.len || strchr(",.;:!?\n", z->out.ptr[z->out.len - 1]))
        return 0;
    z->glue = tok_glued(z, i);
    crier_emit_toks(z, "'s", i, i + 2);
    return 2;
}

/* "<noise/>", "</pitch>": a markup tag is left as it is written, glued
 * to what it touches. The scan is bounded, so a stray "<" costs little. */
size_t crier_cls_markup(norm *z, size_t i)
{
    if (!tok_punct(z, i, '<'))
        return 0;
    const char *s = z->src;
    size_t a = z->t[i].off, b = a + 1, lim = a + 200;
    if (b >= z->srclen || !((s[b] >= 'a' && s[b] <= 'z') || (s[b] >= 'A' && s[b] <= 'Z') ||
                            s[b] == '/'))
        return 0;
    while (b < z->srclen && b < lim && s[b] != '>' && s[b] != '<' && s[b] != '\n')
        b++;
    if (b >= z->srclen || s[b] != '>')
        return 0;
    size_t j = i;
    while (j < z->n && z->t[j].off <= b)
        j++;
    crier_buf w = CRIER_BUF_INIT;
    crier_buf_put(&w, s + a, b + 1 - a);
    z->glue = tok_glued(z, i);
    crier_emit_buf(z, &w, i, j);
    z->glue = tok_glued(z, j);
    return j - i;
}

/* Sentence marks are pauses; brackets and dashes commas; quotes
 * nothing; the rest comes from symbols.tsv through table_symbol(). */
size_t crier_cls_symbol(norm *z, size_t i)
{
    const tok *t = &z->t[i];
    if (t->kind != TK_PUNCT && t->kind != TK_SYM)
        return 0;
    int32_t c = t->cp;
    size_t k;
    /* "§§ 1983, 1985": the sign doubled is its plural (symbols.tsv "§§"). */
    if (c == 0xA7 && tok_punct(z, i + 1, 0xA7) && tok_glued(z, i + 1)) {
        const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_SYMBOLS, "\xC2\xA7\xC2\xA7", 4);
        if (r) {
            crier_emit_toks(z, r->cols[1], i, i + 2);
            return 2;
        }
    }
    /* "+/-" is the plus-minus sign typed in three */
    if (c == '+' && tok_punct(z, i + 1, '/') && tok_glued(z, i + 1) && tok_punct(z, i + 2, '-') &&
        tok_glued(z, i + 2)) {
        const crier_lex_row *r = crier_symbol_row(z, 0xB1);
        if (r) {
            crier_emit_toks(z, r->cols[1], i, i + 3);
            return 3;
        }
    }
    switch (c) {
    case '-':
        return hyphen(z, i);
    case '.': case 0x2026:
        if (c == 0x2026 || tok_punct(z, i + 1, '.'))
            return ellipsis(z, i);
        if (spaced_dot(z, i)) {
            crier_emit_toks(z, ".", i, i + 1);
            return 1;
        }
        crier_emit_pause(z, ".", t->off, t->len);
        return 1;
    case ',': case ';': case ':': case '!': case '?': {
        char mark[2] = {(char)c, 0};
        crier_emit_pause(z, mark, t->off, t->len);
        return 1;
    }
    case '[': case ']':
        if (citation(z, i))
            return 3;
        if (inside_word(z, i)) {
            z->glue = 1;
            return 1;
        }
        crier_emit_pause(z, ",", t->off, t->len);
        return 1;
    case '(': case ')': case '{': case '}': case 0x2013: case 0x2014:
        crier_emit_pause(z, ",", t->off, t->len);
        return 1;
    case '#':
        /* "C#", "F# minor": a note or the language, "sharp". */
        if (i > 0 && tok_glued(z, i) && tok_is(z, i - 1, TK_WORD) && z->t[i - 1].len == 1 &&
            tok_text(z, i - 1)[0] >= 'A' && tok_text(z, i - 1)[0] <= 'G' &&
            !(i + 1 < z->n && z->t[i + 1].kind != TK_SPACE && z->t[i + 1].kind != TK_NL &&
              z->t[i + 1].kind != TK_PUNCT)) {
            z->need_space = 1;
            crier_emit_toks(z, crier_phrase(z, "sharp"), i, i + 1);
            return 1;
        }
        break;
    case '&':
        /* "&c.", the old sign for "etc." (abbreviations.tsv). */
        if (tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1) && z->t[i + 1].len == 1 &&
            tok_punct(z, i + 2, '.') && tok_glued(z, i + 2)) {
            const crier_lex_row *r =
                crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, tok_text(z, i), tok_end(z, i + 2) - t->off);
            if (r) {
                crier_emit_toks(z, r->cols[1], i, i + 3);
                if (crier_ends_sentence(z, i + 3))
                    crier_emit_pause(z, ".", z->t[i + 2].off, 1);
                return 3;
            }
        }
        break;
    case '\'':
        if ((k = apostrophe_s(z, i)) != 0)
            return k;
        return 1;
    case '"': case '`':
        return 1;
    }
    /* "C++", "$5,000+": a plus sign closing a word or an amount is read. */
    if (c == '+' && i > 0 && tok_glued(z, i) && !tok_is(z, i + 1, TK_NUM) &&
        (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM || tok_punct(z, i - 1, '+'))) {
        crier_emit_toks(z, crier_phrase(z, "plus"), i, i + 1);
        return 1;
    }
    /* "6/3=2", "2 * 3 = 6": in a sum, a slash divides and an asterisk
     * multiplies, read as the signs they stand for ("÷", "×"). */
    if ((c == '/' || c == '*') && num_beside(z, i, -1) != (size_t)-1 &&
        num_beside(z, i, +1) != (size_t)-1 && equation(z, i)) {
        const crier_lex_row *r = crier_symbol_row(z, c == '/' ? 0xF7 : 0xD7);
        if (r) {
            crier_emit_toks(z, r->cols[1], i, i + 1);
            return 1;
        }
    }
    /* "x^5": a caret between a variable and a number raises it, as it
     * does between two numbers ("10^5"). */
    if (c == '^' && power_after(z, i) && tok_is(z, i + 1, TK_NUM) && tok_glued(z, i + 1)) {
        /* "m/s^2", "x^3": the powers that have a name, as "²" and "³" */
        const char *e = tok_text(z, i + 1);
        const crier_lex_row *sq = z->t[i + 1].len == 1 && (e[0] == '2' || e[0] == '3') &&
                                          tok_is(z, i - 1, TK_WORD)
                                      ? crier_symbol_row(z, e[0] == '2' ? 0xB2 : 0xB3)
                                      : NULL;
        if (sq && !tok_is(z, i + 2, TK_NUM)) {
            crier_emit_toks(z, sq->cols[1], i, i + 2);
            return 2;
        }
        const crier_lex_row *r = crier_symbol_row(z, '^');
        if (r) {
            crier_emit_toks(z, r->cols[1], i, i + 1);
            return 1;
        }
    }
    /* "3 meals/day", "60 beats/min": "per" and the unit in full. */
    if (c == '/' && per_period(z, i)) {
        crier_buf w = CRIER_BUF_INIT;
        crier_put_word(&w, crier_phrase(z, "per"));
        size_t used = crier_unit_parse(z, i + 1, 0, 2, 0, &w);
        if (used)
            return crier_emit_buf(z, &w, i, i + 1 + used);
        crier_buf_free(&w);
    }
    if (!table_symbol(z, i) && (c == '/' || c == '|'))
        crier_emit_pause(z, ",", t->off, t->len);
    return 1;
}
