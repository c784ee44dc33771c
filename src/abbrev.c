/* abbrev.c -- stage 2 expander: abbreviations, acronyms and words.
 *
 * Abbreviations ("Dr.", "Brig.", "e.g.") are expanded from
 * abbreviations.tsv, and their dot is swallowed so that eSpeak does not end
 * a sentence there. Upper-case words are looked up in acronyms.tsv, which
 * says whether they are said as a word (NATO, KFOR) or spelled (UN, EU);
 * unknown ones on a line written in capitals are brought to normal case,
 * and short unknown ones elsewhere are spelled. Plain words pass through,
 * or become eSpeak phoneme input from pronunciations.tsv. */
#include "internal.h"
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* True when nothing but spaces stands between token i and the end of the
 * line: a dot there ends a sentence. */
static int at_line_end(const norm *z, size_t i)
{
    i = crier_skip_space(z, i);
    return i >= z->n || z->t[i].kind == TK_NL;
}

/* Appends the letters of `s` separated by spaces, upper-case: "u.s." gives
 * "U S", so eSpeak names each letter. */
static void spell(const char *s, size_t n, crier_buf *w)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            break;
        if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
            utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO) {
            if (w->len)
                crier_buf_putc(w, ' ');
            crier_buf_put_cp(w, utf8proc_toupper(cp));
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

/* ==== Abbreviations ====================================================== */

size_t crier_cls_abbrev(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const tok *t = &z->t[i];
    int dot = tok_punct(z, i + 1, '.') && z->t[i + 1].off == t->off + t->len;
    size_t klen = t->len + (size_t)dot;
    if (!dot && !(t->flags & TF_DOTS))
        return 0;
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_ABBREVIATIONS, tok_text(z, i), klen);
    size_t used = 1 + (size_t)dot;
    if (r) {
        size_t next = crier_skip_space(z, i + used);
        if ((r->flags & CRIER_ABBR_TITLE) && !(tok_is(z, next, TK_WORD) && (z->t[next].flags & TF_CAP)))
            return 0; /* "Dr." not before a name: leave it to the word rules */
        if ((r->flags & CRIER_ABBR_BEFORE_NUM) && !tok_is(z, next, TK_NUM))
            return 0;
        crier_emit(z, r->cols[1], t->off, klen);
    } else if (t->flags & TF_DOTS) {
        crier_buf w = CRIER_BUF_INIT;
        spell(tok_text(z, i), t->len, &w);
        crier_emit(z, w.ptr ? w.ptr : "", t->off, t->len);
        z->oom |= w.oom;
        crier_buf_free(&w);
        used = 1;
    } else {
        return 0;
    }
    /* The dot was the abbreviation's; a sentence still ends at a line end. */
    if ((dot || (t->flags & TF_DOTS)) && at_line_end(z, i + used))
        crier_emit_pause(z, ".", t->off + klen - 1, 1);
    return used;
}

/* ==== Acronyms and capitals ============================================== */

static int has_vowel(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("AEIOUYaeiouy", s[i]))
            return 1;
    return 0;
}

size_t crier_cls_caps(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD) || !(z->t[i].flags & TF_UPPER))
        return 0;
    const tok *t = &z->t[i];
    const char *s = tok_text(z, i);
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, t->len);
    crier_buf w = CRIER_BUF_INIT;
    if (r && r->ncols > 2)
        crier_buf_puts(&w, r->cols[2]);
    else if (r && strcmp(r->cols[1], "spell") == 0)
        spell(s, t->len, &w);
    else if (r)
        crier_buf_put(&w, s, t->len);
    else if (t->flags & TF_CAPS_RUN)
        title_case(s, t->len, &w);
    else if (t->len <= 3 || !has_vowel(s, t->len))
        spell(s, t->len, &w);
    else
        title_case(s, t->len, &w);
    crier_emit(z, w.ptr ? w.ptr : "", t->off, t->len);
    z->oom |= w.oom;
    crier_buf_free(&w);
    return 1;
}

/* ==== Plain words ======================================================== */

size_t crier_cls_word(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const tok *t = &z->t[i];
    if (z->flags & CRIER_NORM_PHONEMES) {
        const crier_lex_row *r =
            crier_lex_find(z->lex, CRIER_TAB_PRONUNCIATIONS, tok_text(z, i), t->len);
        if (r) {
            crier_buf w = CRIER_BUF_INIT;
            crier_buf_printf(&w, "[[%s]]", r->cols[1]);
            crier_emit(z, w.ptr ? w.ptr : "", t->off, t->len);
            z->oom |= w.oom;
            crier_buf_free(&w);
            return 1;
        }
    }
    char *copy = malloc(t->len + 1);
    if (!copy) {
        z->oom = 1;
        return 1;
    }
    memcpy(copy, tok_text(z, i), t->len);
    copy[t->len] = '\0';
    crier_emit(z, copy, t->off, t->len);
    free(copy);
    return 1;
}
