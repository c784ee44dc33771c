/* address.c -- stage 2: street addresses.
 *
 * A house number before a street name is read the way people say it, in
 * pairs: "1428 Elm St." is "fourteen twenty-eight Elm Street", "123
 * Laguna Ct" "one twenty-three Laguna Court", "708 N 1st St" "seven oh
 * eight North first Street". The address is recognised by its shape: a
 * number, an optional compass point, one to three capitalised words or
 * ordinals, and a kind of street (abbreviations.tsv, flag street, or
 * context-words.tsv, flag street). Only the number and the compass point
 * are read here; the street name and its kind follow through the other
 * classifiers, where "St." after a name is already "Street". */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* True when token i is a kind of street ("St", "Ave.", "Road"). */
static int street_at(const norm *z, size_t i)
{
    size_t used;
    int dot;
    const crier_lex_row *r = crier_abbrev_at(z, i, &used, &dot);
    if (r && (r->flags & CRIER_ABBR_STREET))
        return 1;
    return (crier_tok_ctx(z, i) & CRIER_CTX_STREET) && (z->t[i].flags & TF_CAP);
}

/* True when token i is part of a street name: a capitalised word, or an
 * ordinal ("1st"). Sets *next to the token after it. */
static int name_part(const norm *z, size_t i, size_t *next)
{
    size_t used;
    int dot;
    if (tok_is(z, i, TK_WORD) && (z->t[i].flags & TF_CAP)) {
        /* "Mt. Lee Dr.": an abbreviation with its dot inside the name */
        *next = tok_punct(z, i + 1, '.') && tok_glued(z, i + 1) && crier_abbrev_at(z, i, &used, &dot) &&
                        dot
                    ? i + used
                    : i + 1;
        return 1;
    }
    int poss;
    if (tok_is(z, i, TK_NUM) && z->t[i].len <= 3 && crier_suffix_at(z, i + 1, NULL, &poss) &&
        !poss) {
        *next = i + 2;
        return 1;
    }
    return 0;
}

/* True when one to three name parts from token j, then a kind of
 * street, follow. */
static int street_follows(const norm *z, size_t j)
{
    int parts = 0;
    size_t next;
    while (parts < 3 && name_part(z, j, &next) && !street_at(z, j)) {
        parts++;
        if (!tok_is(z, next, TK_SPACE))
            return 0;
        j = next + 1;
    }
    return parts && street_at(z, j);
}

/* "on E. 14th St.", "the 1900 block of W. 3rd Ave.": a compass point
 * before a street's name without a house number, where no capitalised
 * name stands before it ("Robert E. Lee Blvd." keeps its initial). */
static size_t compass_street(norm *z, size_t i)
{
    size_t used, p;
    int dot;
    if (z->t[i].len > 3 || !(z->t[i].flags & TF_CAP))
        return 0; /* every word passes here: only "N", "SW", "NNE" go on */
    p = crier_prev_word(z, i);
    const crier_lex_row *c = crier_abbrev_at(z, i, &used, &dot);
    if (!c || !(c->flags & CRIER_ABBR_COMPASS) || !tok_is(z, i + used, TK_SPACE) ||
        (p != (size_t)-1 && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_CAP)) ||
        !street_follows(z, i + used + 1))
        return 0;
    crier_emit_toks(z, c->cols[1], i, i + used);
    return used;
}

/* Takes only the house number and the compass point; returns 0 unless
 * the whole address shape follows. */
size_t crier_cls_address(norm *z, size_t i)
{
    if (tok_is(z, i, TK_WORD))
        return compass_street(z, i);
    if (!tok_is(z, i, TK_NUM) || z->t[i].len > 5 || (i > 0 && tok_glued(z, i)))
        return 0;
    const char *d = tok_text(z, i);
    size_t n = z->t[i].len;
    /* "221B Baker St.": a house number may carry a capital letter. */
    size_t letter = tok_is(z, i + 1, TK_WORD) && tok_glued(z, i + 1) && z->t[i + 1].len == 1 &&
                    (z->t[i + 1].flags & TF_CAP);
    if (crier_digits_value(d, n) <= 0 || !tok_is(z, i + 1 + letter, TK_SPACE))
        return 0;
    size_t j = i + 2 + letter, used, compass_end = 0;
    int dot;
    const crier_lex_row *c = crier_abbrev_at(z, j, &used, &dot);
    if (c && (c->flags & CRIER_ABBR_COMPASS) && tok_is(z, j + used, TK_SPACE)) {
        compass_end = j + used;
        j = compass_end + 1;
    } else {
        c = NULL;
    }
    if (!street_follows(z, j))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    if (n <= 2 || n == 5)
        (n == 5 ? crier_say_digits : crier_say_cardinal)(z, d, n, &w);
    else
        crier_say_year(z, d, n, &w);
    if (letter)
        crier_spell(tok_text(z, i + 1), 1, &w);
    crier_emit_buf(z, &w, i, i + 1 + letter);
    if (!c)
        return 1 + letter;
    crier_emit_toks(z, c->cols[1], i + 2 + letter, compass_end);
    return compass_end - i;
}
