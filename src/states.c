/* states.c -- stage 2: US states and Canadian provinces, and the party
 * labels of politicians.
 *
 * A state's abbreviation after a place and a comma is its name: "Albany,
 * N.Y." is "Albany, New York", "Charlevoix, Que." "Charlevoix, Quebec"
 * (states.tsv). AP forms that can be nothing else are read after any word
 * ("off the coast of Calif.", flag anywhere), but not "Ill.", "Mass." or
 * "Miss.". A politician's label in brackets names the party and the
 * state: "(D-W.Va.)" is "Democrat of West Virginia", "Gavin Newsom (D)"
 * "Democrat". The abbreviations themselves are abbrev.c's. */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* The state named at token i, by its abbreviation ("Calif.", "N.Y.",
 * with the dot that follows) or its one-word name ("Texas"); *used
 * counts the tokens. */
static const char *state_at(const norm *z, size_t i, size_t *used)
{
    if (!tok_is(z, i, TK_WORD) || !(z->t[i].flags & TF_CAP))
        return NULL;
    int dot = tok_punct(z, i + 1, '.') && tok_glued(z, i + 1);
    const crier_lex_row *r = NULL;
    /* "W.Va.": two parts, each with its dot */
    if (dot && tok_is(z, i + 2, TK_WORD) && tok_glued(z, i + 2) && tok_punct(z, i + 3, '.') &&
        tok_glued(z, i + 3)) {
        r = crier_lex_find(z->lex, CRIER_TAB_STATES, tok_text(z, i), tok_end(z, i + 3) - z->t[i].off);
        *used = 4;
    }
    if (!r) {
        r = crier_lex_find(z->lex, CRIER_TAB_STATES, tok_text(z, i), z->t[i].len + (size_t)dot);
        *used = 1 + (size_t)dot;
    }
    if (!r && dot) {
        r = crier_tok_find(z, CRIER_TAB_STATES, i);
        *used = 1;
    }
    if (r)
        return r->cols[1];
    *used = 1;
    for (size_t k = 0; k < crier_lex_count(z->lex, CRIER_TAB_STATES); k++) {
        const char *name = crier_lex_at(z->lex, CRIER_TAB_STATES, k)->cols[1];
        if (strlen(name) == z->t[i].len && memcmp(name, tok_text(z, i), z->t[i].len) == 0)
            return name;
    }
    return NULL;
}

/* "Gavin Newsom (D)": a party's letter alone in brackets after a name,
 * two capitalized words, so that "Plan (B)" keeps its letter. */
static size_t party_alone(norm *z, size_t i, size_t p)
{
    size_t n = crier_prev_word(z, p);
    size_t nn = n != (size_t)-1 ? crier_prev_word(z, n) : (size_t)-1;
    if (z->t[i].len != 1 || !tok_punct(z, p, '(') || !tok_punct(z, i + 1, ')') ||
        nn == (size_t)-1 || !tok_is(z, n, TK_WORD) || !(z->t[n].flags & TF_CAP) ||
        crier_tok_ctx(z, n) || !tok_is(z, nn, TK_WORD) || !(z->t[nn].flags & TF_CAP) ||
        crier_tok_ctx(z, nn))
        return 0;
    char key[3] = {tok_text(z, i)[0], '-', 0};
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, key, 2);
    if (!r || !(r->flags & CRIER_ABBR_PARTY))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, r->cols[1]);
    return crier_emit_buf(z, &w, i, i + 1);
}

/* True when one to three capitalised words from token j close a bracket:
 * the place in "(D-San Francisco)". */
static int place_in_brackets(const norm *z, size_t j)
{
    for (int words = 0; words < 3; words++) {
        if (!tok_is(z, j, TK_WORD) || !(z->t[j].flags & TF_CAP) || (z->t[j].flags & TF_UPPER))
            return 0;
        if (tok_punct(z, j + 1, ')'))
            return 1;
        if (!tok_is(z, j + 1, TK_SPACE) || z->t[j + 1].len != 1)
            return 0;
        j += 2;
    }
    return 0;
}

/* "(D-N.Y.)", ", R-Texas,": a politician's party and state, "Democrat of
 * New York". Only in brackets or between commas. */
static size_t party_state(norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i), used = 0;
    if (p != (size_t)-1 && tok_punct(z, i + 1, ')'))
        return party_alone(z, i, p);
    if (z->t[i].len != 1 || !tok_punct(z, i + 1, '-') || !tok_glued(z, i + 1) ||
        !tok_glued(z, i + 2) || p == (size_t)-1 || !(tok_punct(z, p, '(') || tok_punct(z, p, ',')))
        return 0;
    const crier_lex_row *r =
        crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, tok_text(z, i), 2);
    const char *state = r && (r->flags & CRIER_ABBR_PARTY) ? state_at(z, i + 2, &used) : NULL;
    if (!state && r && (r->flags & CRIER_ABBR_PARTY) && tok_punct(z, p, '(') && place_in_brackets(z, i + 2)) {
        crier_buf w = CRIER_BUF_INIT; /* "(D-San Francisco)": a city, read as written */
        crier_put_word(&w, r->cols[1]);
        crier_put_phrase(z, "of", &w);
        return crier_emit_buf(z, &w, i, i + 2);
    }
    size_t end = i + 2 + used, k = crier_skip_space(z, end);
    if (!state || !(k >= z->n || z->t[k].kind == TK_NL || tok_punct(z, k, ')') ||
                    tok_punct(z, k, ',') || tok_punct(z, k, ';')))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, r->cols[1]);
    crier_put_phrase(z, "of", &w);
    crier_put_word(&w, state);
    return crier_emit_buf(z, &w, i, end);
}

/* "off the coast of Calif.", "plates from Fla.": a state's AP form that
 * is nothing else (states.tsv, flag anywhere), after a word in lower
 * case. */
static size_t state_anywhere(norm *z, size_t i)
{
    if (!tok_punct(z, i + 1, '.') || !tok_glued(z, i + 1))
        return 0;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_STATES, tok_text(z, i), z->t[i].len + 1);
    if (!r || !(r->flags & CRIER_STATE_ANYWHERE))
        return 0;
    crier_emit_toks(z, r->cols[1], i, i + 2);
    if (crier_ends_sentence(z, i + 2))
        crier_emit_pause(z, ".", tok_end(z, i + 1) - 1, 1);
    return 2;
}

/* "Albany, N.Y.", "Santa Clara, CA 95051", "Richmond, Va.": a state
 * abbreviation after a place and a comma is the state's name. */
size_t crier_cls_state(norm *z, size_t i)
{
    size_t ps = tok_is(z, i, TK_WORD) ? party_state(z, i) : 0;
    if (ps)
        return ps;
    if (!tok_is(z, i, TK_WORD) || !(z->t[i].flags & TF_CAP) || z->t[i].len > 6)
        return 0;
    size_t p = crier_prev_word(z, i);
    if (p != (size_t)-1 && tok_is(z, p, TK_WORD) && (z->t[p].flags & TF_LOWER))
        return state_anywhere(z, i);
    if (p == (size_t)-1 || !tok_punct(z, p, ',') || p == 0)
        return 0;
    size_t q = crier_prev_word(z, p);
    if (q == (size_t)-1 || !tok_is(z, q, TK_WORD) || !(z->t[q].flags & TF_CAP))
        return 0;
    int dot = tok_punct(z, i + 1, '.') && tok_glued(z, i + 1) && !(z->t[i].flags & TF_DOTS);
    size_t used = 1 + (size_t)dot;
    const crier_lex_row *r =
        crier_lex_find(z->lex, CRIER_TAB_STATES, tok_text(z, i), z->t[i].len + (size_t)dot);
    /* "W.Va.": two parts, each with its dot */
    if (!r && dot && tok_is(z, i + 2, TK_WORD) && tok_glued(z, i + 2) && tok_punct(z, i + 3, '.') &&
        tok_glued(z, i + 3)) {
        r = crier_lex_find(z->lex, CRIER_TAB_STATES, tok_text(z, i), tok_end(z, i + 3) - z->t[i].off);
        used = r ? 4 : used;
    }
    /* "N. Y.", "D. C.": the initials of a state written apart. */
    if (dot && z->t[i].len == 1 && tok_is(z, i + 2, TK_SPACE) && z->t[i + 2].len == 1 &&
        tok_is(z, i + 3, TK_WORD) && z->t[i + 3].len == 1 && (z->t[i + 3].flags & TF_CAP) &&
        tok_punct(z, i + 4, '.') && tok_glued(z, i + 4)) {
        char key[4] = {tok_text(z, i)[0], '.', tok_text(z, i + 3)[0], '.'};
        const crier_lex_row *r2 = crier_lex_find(z->lex, CRIER_TAB_STATES, key, 4);
        if (r2) {
            r = r2;
            used = 5;
        }
    }
    if (!r && dot) {
        used = 1;
        r = crier_tok_find(z, CRIER_TAB_STATES, i);
    }
    if (!r)
        return 0;
    size_t next = crier_skip_space(z, i + used);
    int dotted = dot || (z->t[i].flags & TF_DOTS);
    /* A bare postal code ("CA") must end the phrase or precede a zip. */
    if (!dotted && used == 1 && next < z->n && z->t[next].kind != TK_NL &&
        !(z->t[next].kind == TK_PUNCT && z->t[next].cp != '(') &&
        !(tok_is(z, next, TK_NUM) && z->t[next].len == 5))
        return 0;
    crier_emit_toks(z, r->cols[1], i, i + used);
    if (dotted && crier_ends_sentence(z, i + used))
        crier_emit_pause(z, ".", tok_end(z, i + used - 1) - 1, 1);
    return used;
}
