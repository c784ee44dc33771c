/* verses.c -- stage 2: chapter-and-verse references, as old books cite the
 * Bible and the classics.
 *
 * "Matt. v. 3", "Gen. i. 1", "Isaiah liii. 5", "Herod. ii. 44": a
 * capitalised book, a chapter as a Roman numeral in lower case with its
 * dot, and a verse in figures. Left alone, the one-letter numerals are
 * misread ("v." is "versus", "i." is the letter) and the abbreviated books
 * are spelled or taken for titles ("Gen." is General). Here the chapter is
 * a cardinal and its dot a pause: "Matthew five, three". Books that are
 * abbreviated come from scripture.tsv, and only before such a reference
 * do they read as books; so do the newer forms with a colon, "Rom. 8:28"
 * ("Romans eight, twenty-eight"), which the clock rules would otherwise
 * take. A number of 1 to 3 before a numbered book is an ordinal: "1 Cor.
 * xiii. 4" is "first Corinthians thirteen, four".
 *
 * Every test looks at a few tokens around its position, so the cost is
 * linear in the text. */
#include "internal.h"
#include "norm.h"

#include <stdio.h>
#include <string.h>

/* Chapters and verses are small; longer digit runs are something else. */
#define VERSE_MAX_DIGITS 3

/* True when token i is a plain number of at most three digits. */
static int small_number(const norm *z, size_t i)
{
    return crier_digits_tok(z, i, 0) && z->t[i].len <= VERSE_MAX_DIGITS;
}

/* The value of a chapter numeral in lower case at token i ("v", "xiii",
 * "cxix"), or 0. One letter must be i, v or x: "c." and "l." are circa
 * and old pounds, and a hundred and fifty psalms is the most a book has. */
static int lower_chapter(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD) || !(z->t[i].flags & TF_LOWER))
        return 0;
    int v = crier_roman_word_value(z, i);
    if (v > 150 || (z->t[i].len == 1 && v != 1 && v != 5 && v != 10))
        return 0;
    return v;
}

/* True when a Roman chapter and its verse start at token k: "v. 3". */
static int roman_ref(const norm *z, size_t k)
{
    return lower_chapter(z, k) && tok_punct(z, k + 1, '.') && tok_is(z, k + 2, TK_SPACE) &&
           small_number(z, k + 3);
}

/* True when a chapter, a colon and a verse start at token k: "8:28". */
static int colon_ref(const norm *z, size_t k)
{
    return small_number(z, k) && tok_punct(z, k + 1, ':') && tok_glued(z, k + 1) &&
           small_number(z, k + 2) && tok_glued(z, k + 2) &&
           !(tok_is(z, k + 3, TK_NUM) || tok_is(z, k + 3, TK_WORD) || tok_punct(z, k + 3, ':'));
}

/* True when a Roman chapter with its dot stands alone at token k, the
 * end of a reference to a whole chapter ("Exod. xx.") or to several
 * ("Matt. v.-vii."): after its dot come a space, a dash, punctuation or
 * the end of the line, not more letters. */
static int chapter_only(const norm *z, size_t k)
{
    size_t e = k + 2;
    if (!lower_chapter(z, k) || !tok_punct(z, k + 1, '.') ||
        !(e >= z->n || z->t[e].kind == TK_SPACE || z->t[e].kind == TK_NL ||
          z->t[e].kind == TK_PUNCT))
        return 0;
    /* One letter before a capitalised word or an "e." is "versus" or
     * "i. e.": "Col. v. Jones". */
    size_t n = crier_skip_space(z, e);
    return z->t[k].len > 1 || n == e ||
           !(tok_is(z, n, TK_WORD) && ((z->t[n].flags & TF_CAP) || crier_tok_eq(z, n, "e")));
}

/* The scripture.tsv row of the capitalised book at word token i, with the
 * dot glued after it ("Matt.") or without one ("Kings"), when a chapter
 * reference follows it past one space; *end is set past the book. */
static const crier_lex_row *book_at(const norm *z, size_t i, size_t *end)
{
    if (!tok_is(z, i, TK_WORD) || !(z->t[i].flags & TF_CAP) || (z->t[i].flags & TF_DOTS) ||
        (z->t[i].flags & TF_UPPER))
        return NULL;
    const crier_lex_row *r = NULL;
    *end = i + 1;
    if (tok_punct(z, i + 1, '.')) {
        r = crier_lex_find(z->lex, CRIER_TAB_SCRIPTURE, tok_text(z, i), z->t[i].len + 1);
        *end = i + 2;
    }
    if (!r) {
        r = crier_tok_find(z, CRIER_TAB_SCRIPTURE, i);
        *end = i + 1;
    }
    if (!r || !tok_is(z, *end, TK_SPACE) || z->t[*end].len != 1)
        return NULL;
    size_t k = *end + 1;
    return roman_ref(z, k) || colon_ref(z, k) || chapter_only(z, k) ? r : NULL;
}

/* Appends the cardinal of the number at token i. */
static void put_number(const norm *z, size_t i, crier_buf *w)
{
    crier_put_word(w, "");
    crier_say_cardinal(z, tok_text(z, i), z->t[i].len, w);
}

/* "1 Cor.": the number before a numbered book is an ordinal. */
static size_t book_ordinal(norm *z, size_t i)
{
    size_t end;
    const crier_lex_row *r;
    char d = tok_text(z, i)[0];
    if (z->t[i].len != 1 || d < '1' || d > '3' || (i > 0 && tok_glued(z, i)) ||
        !tok_is(z, i + 1, TK_SPACE) || !(r = book_at(z, i + 2, &end)) ||
        !(r->flags & CRIER_SCRIPT_NUMBERED))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, "");
    crier_say_ordinal(z, &d, 1, &w);
    return crier_emit_buf(z, &w, i, i + 1);
}

/* "Matt." before its chapter: the book's name; with a colon reference
 * the whole of "Rom. 8:28" and a range of verses after it, "5:3-10". */
static size_t book(norm *z, size_t i)
{
    size_t end;
    const crier_lex_row *r = book_at(z, i, &end);
    if (!r)
        return 0;
    size_t k = end + 1;
    if (!colon_ref(z, k)) {
        crier_emit_toks(z, r->cols[1], i, end);
        return end - i;
    }
    crier_buf w = CRIER_BUF_INIT;
    crier_put_word(&w, r->cols[1]);
    put_number(z, k, &w);
    crier_emit_buf(z, &w, i, k + 1);
    crier_emit_pause(z, ",", z->t[k + 1].off, z->t[k + 1].len);
    put_number(z, k + 2, &w);
    size_t stop = k + 3;
    if (crier_tok_dash(z, stop) && tok_glued(z, stop) && small_number(z, stop + 1) &&
        tok_glued(z, stop + 1)) {
        crier_put_phrase(z, "to", &w);
        put_number(z, stop + 1, &w);
        stop += 2;
    }
    crier_emit_buf(z, &w, k + 2, stop);
    return stop - i;
}

/* The capitalised word that a chapter at token i belongs to: the word
 * before it, past the word's dot or a comma ("Herodotus, ii. 35"); or
 * (size_t)-1. */
static size_t cited_work(const norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i);
    if (p != (size_t)-1 && p > 0 && (tok_punct(z, p, '.') || tok_punct(z, p, ',')) &&
        tok_glued(z, p))
        p--;
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD) || !(z->t[p].flags & TF_CAP) ||
        (z->t[p].flags & TF_UPPER))
        return (size_t)-1;
    return p;
}

/* True when the word at token p, with its dot, is a book of
 * scripture.tsv: "Exod." */
static int table_book(const norm *z, size_t p)
{
    size_t n = z->t[p].len + (tok_punct(z, p + 1, '.') ? 1 : 0);
    return crier_lex_find(z->lex, CRIER_TAB_SCRIPTURE, tok_text(z, p), n) != NULL;
}

/* Appends the cardinal of the chapter numeral at token k. */
static void put_chapter(const norm *z, size_t k, crier_buf *w)
{
    char d[8];
    snprintf(d, sizeof d, "%d", lower_chapter(z, k));
    crier_put_word(w, "");
    crier_say_cardinal(z, d, strlen(d), w);
}

/* "v. 3" after a capitalised word: the chapter as a cardinal and its dot
 * as a pause before the verse. After a book of the table a chapter may
 * stand alone or end a span: "Exod. xx.", "Matt. v.-vii." ("five to
 * seven"); a dot that the sentence runs past is silent. */
static size_t roman_chapter(norm *z, size_t i)
{
    if (i > 0 && tok_glued(z, i))
        return 0;
    size_t p = cited_work(z, i);
    if (p == (size_t)-1)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    if (roman_ref(z, i)) {
        put_chapter(z, i, &w);
        crier_emit_buf(z, &w, i, i + 1);
        crier_emit_pause(z, ",", z->t[i + 1].off, z->t[i + 1].len);
        return 2;
    }
    if (!chapter_only(z, i) || !table_book(z, p))
        return 0;
    put_chapter(z, i, &w);
    size_t end = i + 1;
    if (crier_tok_dash(z, i + 2) && tok_glued(z, i + 3) && chapter_only(z, i + 3)) {
        crier_put_phrase(z, "to", &w);
        put_chapter(z, i + 3, &w);
        end = i + 4;
    }
    size_t k = crier_skip_space(z, end + 1);
    if (k > end + 1 && tok_is(z, k, TK_WORD) && (z->t[k].flags & TF_LOWER))
        end++; /* "Isa. xl.-lxvi. is called": the sentence goes on */
    return crier_emit_buf(z, &w, i, end);
}

size_t crier_cls_verse(norm *z, size_t i)
{
    if (tok_is(z, i, TK_NUM))
        return book_ordinal(z, i);
    if (!tok_is(z, i, TK_WORD))
        return 0;
    size_t n = book(z, i);
    return n ? n : roman_chapter(z, i);
}
