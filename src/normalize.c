/* normalize.c -- stage 2: written text to spoken text.
 *
 * In: the written text of one segment (any UTF-8). Out: the words a
 * newsreader would say, with pause punctuation, and a span map from every
 * spoken word back to the source bytes it came from (captions show the
 * written text, synthesis speaks the normalized one).
 *
 * Four steps. Input hygiene makes a cleaned copy of the text: typographic
 * quotes and apostrophes become ASCII ones, non-breaking and other spaces
 * become spaces, soft hyphens, zero-width and other format characters
 * vanish, and C1 control characters (Windows-1252 bytes that were decoded
 * as Latin-1) become the characters Windows-1252 meant. A list of marks
 * remembers where the copy and the source stop lining up, so spans are
 * reported in source bytes. The tokenizer cuts the copy into words,
 * numbers, punctuation, symbols, spaces and newlines. The dispatcher
 * offers each position to the classifiers in a fixed order (addresses
 * and dates before numbers, abbreviations before words); the first that
 * recognises the tokens there consumes them and verbalizes them. What no
 * classifier takes is spoken as itself. All language knowledge comes from
 * the lexicon tables. */
#include "internal.h"
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ==== Input hygiene ====================================================== */

/* Windows-1252 for bytes 0x80-0x9F: what a C1 control character in the
 * text almost certainly was. Zero marks the five undefined bytes. */
static const uint16_t CP1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Returns the code point `cp` stands for in the cleaned text, or -1 to
 * drop it. */
static int32_t clean_cp(int32_t cp)
{
    if (cp >= 0x80 && cp <= 0x9F)
        cp = CP1252[cp - 0x80] ? CP1252[cp - 0x80] : -1;
    if (cp < 0)
        return -1;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039:
    case 0x203A: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2212: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x2024:
        return '.';
    case 0x2044: case 0x2215:
        return '/';
    case 0x2236:
        return ':'; /* the ratio sign, "3∶1" */
    case '\t': case '\r': case '\v': case '\f':
        return ' ';
    }
    if (cp < 0x20 && cp != '\n')
        return ' ';
    if (cp >= 0x2080 && cp <= 0x2089)
        return '0' + (cp - 0x2080); /* subscript digits: "CO₂" is "CO2" */
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
        return -1; /* variation selectors: "❤️" is a heart and one of them */
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_CF)
        return -1; /* soft hyphen, zero-width space and joiners, BOM, bidi marks */
    if (c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP)
        return ' ';
    return cp;
}

static int add_mark(norm_mark **m, size_t *n, size_t *cap, size_t c, size_t s)
{
    if (*n == *cap) {
        size_t k = *cap ? *cap * 2 : 64;
        norm_mark *v = realloc(*m, k * sizeof *v);
        if (!v)
            return -1;
        *m = v;
        *cap = k;
    }
    (*m)[(*n)++] = (norm_mark){c, s};
    return 0;
}

static int ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* True when the space at s[i] stands between two initials of one case,
 * each a single letter with its dot: "a. m.", "A. D.", "i. e.", "U. S.",
 * as old books set them. Dropping it lets the tokenizer see "a.m.", so
 * the dots are not full stops and the pair reads as one abbreviation. */
static int spaced_initials(const char *s, size_t len, size_t i)
{
    if (s[i] != ' ' || i < 2 || i + 3 > len || s[i - 1] != '.' || s[i + 2] != '.' ||
        !ascii_letter(s[i - 2]) || !ascii_letter(s[i + 1]) ||
        (s[i - 2] >= 'a') != (s[i + 1] >= 'a'))
        return 0;
    /* "vol. i. p. 12": lower-case letters before a number are a
     * numeral and a page, not one abbreviation. */
    if (s[i + 1] >= 'a' && i + 5 <= len && s[i + 3] == ' ' && s[i + 4] >= '0' && s[i + 4] <= '9')
        return 0;
    return (i < 3 || !ascii_letter(s[i - 3])) && (i + 3 == len || !ascii_letter(s[i + 3]));
}

/* Writes the cleaned copy of text into `out`. Every character that is
 * changed or dropped adds two marks, at its start and end, so that
 * source_of() can map clean offsets back. */
static int clean_text(const char *s, size_t len, crier_buf *out, norm_mark **marks, size_t *nm)
{
    size_t cap = 0, i = 0;
    *nm = 0;
    *marks = NULL;
    crier_buf_grow(out, len + 1);
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            cp = ' '; /* an invalid byte: crier_text_clean rejects them first */
            k = 1;
        }
        int32_t c = spaced_initials(s, len, i) ? -1 : clean_cp(cp);
        if (c == cp) {
            crier_buf_put(out, s + i, (size_t)k);
        } else {
            size_t at = out->len;
            if (c >= 0)
                crier_buf_put_cp(out, c);
            if (add_mark(marks, nm, &cap, at, i) < 0 ||
                add_mark(marks, nm, &cap, out->len, i + (size_t)k) < 0)
                return -1;
        }
        i += (size_t)k;
    }
    return out->oom ? -1 : 0;
}

/* Maps a clean offset to a source offset. `end` asks for the end of a
 * span: at a dropped character, a span start skips it, a span end stops
 * before it. */
static size_t source_of(const norm_mark *m, size_t n, size_t c, int end)
{
    size_t lo = 0, hi = n; /* first mark with m.c > c (start) or >= c (end) */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (end ? m[mid].c < c : m[mid].c <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (end && lo < n && m[lo].c == c)
        return m[lo].s;
    if (lo == 0)
        return c;
    return m[lo - 1].s + (c - m[lo - 1].c);
}

/* ==== Tokenizer ========================================================== */

static int is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

static int is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (k <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (size_t)k;
    return cp;
}

/* Sets the case flags of a word token. */
static unsigned word_flags(const char *s, size_t len, int dots)
{
    size_t i = 0, n, letters = 0, upper = 0, lower = 0;
    unsigned f = 0;
    while (i < len) {
        int32_t cp = cp_at(s, len, i, &n);
        if (is_letter(cp)) {
            utf8proc_category_t c = utf8proc_category(cp);
            if (letters == 0 && c == UTF8PROC_CATEGORY_LU)
                f |= TF_CAP;
            letters++;
            upper += c == UTF8PROC_CATEGORY_LU;
            lower += c == UTF8PROC_CATEGORY_LL;
        }
        i += n;
    }
    if (letters >= 2 && upper == letters)
        f |= TF_UPPER;
    if (upper == 0 && lower > 0)
        f |= TF_LOWER;
    if (dots)
        f |= TF_DOTS;
    return f;
}

/* Scans a word from i: letters and marks, inner apostrophes, and inner
 * dots when they separate short letter groups ("U.S.", "e.g.", "a.m.",
 * "Ph.D."). The final dot of a dotted word belongs to it. */
static size_t scan_word(const char *s, size_t len, size_t i, unsigned *flags)
{
    size_t start = i, n, seg = 0;
    int dots = 0;
    while (i < len) {
        int32_t cp = cp_at(s, len, i, &n);
        if (is_letter(cp)) {
            i += n;
            seg++;
            continue;
        }
        size_t m = 0;
        int32_t next = i + n < len ? cp_at(s, len, i + n, &m) : 0;
        if (cp == '\'' && is_letter(next)) {
            i += n;
            continue;
        }
        /* "U.S.": a dot after one or two letters, then a single letter. */
        size_t m2 = 0;
        int32_t after = i + n + m < len ? cp_at(s, len, i + n + m, &m2) : 0;
        if (cp == '.' && seg <= 2 && is_letter(next) && !is_letter(after) &&
            (dots || seg == 1 || (after == '.'))) {
            dots++;
            seg = 0;
            i += n;
            continue;
        }
        if (cp == '.' && dots && seg == 1)
            i += n; /* the final dot of "U.S." belongs to it */
        break;
    }
    *flags = word_flags(s + start, i - start, dots);
    return i - start;
}

/* Scans digits with inner groups: "3,700" (a comma followed by exactly
 * three digits, after one to three digits: "9000,000" is not grouped),
 * "5.5", "1,250.75", "01.10.2010". */
/* "12,34,567", "1,20,000": Indian grouping, one or two digits, pairs,
 * then three, with no digit after. Returns its length, or 0. The value
 * is read like any other ("one million two hundred thirty-four
 * thousand..."): the commas only group. */
static size_t indian_grouping(const char *s, size_t len, size_t i)
{
    size_t k = i, pairs = 0;
    while (k < len && k - i < 2 && is_digit((unsigned char)s[k]))
        k++;
    if (k == i)
        return 0;
    for (;;) {
        /* At most six pairs (a hundred thousand crore), so that a long
         * run of "12,12,12..." is not rescanned from every token. */
        if (pairs < 6 && k + 3 < len && s[k] == ',' && is_digit((unsigned char)s[k + 1]) &&
            is_digit((unsigned char)s[k + 2]) && s[k + 3] == ',') {
            k += 3;
            pairs++;
            continue;
        }
        if (pairs && k + 3 < len && s[k] == ',' && is_digit((unsigned char)s[k + 1]) &&
            is_digit((unsigned char)s[k + 2]) && is_digit((unsigned char)s[k + 3]) &&
            (k + 4 >= len || !is_digit((unsigned char)s[k + 4])))
            return k + 4 - i;
        return 0;
    }
}

static size_t scan_number(const char *s, size_t len, size_t i)
{
    size_t start = i, indian = indian_grouping(s, len, i);
    if (indian)
        return indian;
    int grouped = 0;
    while (i < len) {
        if (is_digit((unsigned char)s[i])) {
            i++;
        } else if (s[i] == ',' && (grouped || i - start <= 3) && i + 3 < len &&
                   is_digit((unsigned char)s[i + 1]) &&
                   is_digit((unsigned char)s[i + 2]) && is_digit((unsigned char)s[i + 3]) &&
                   (i + 4 >= len || !is_digit((unsigned char)s[i + 4]))) {
            i += 4;
            grouped = 1;
        } else if (s[i] == '.' && i + 1 < len && is_digit((unsigned char)s[i + 1])) {
            i++;
        } else {
            break;
        }
    }
    return i - start;
}

static int push_tok(norm *z, size_t *cap, tok t)
{
    if (z->n == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        tok *v = realloc(z->t, c * sizeof *v);
        if (!v)
            return -1;
        z->t = v;
        *cap = c;
    }
    z->t[z->n++] = t;
    return 0;
}

/* Cuts the cleaned text into tokens. Words and numbers are separate
 * tokens even when glued ("MP3" is a word and a number): the classifiers
 * see the glue through tok_glued() and decide what the pair means. */
static int tokenize(norm *z, const char *s, size_t len)
{
    size_t cap = 0, i = 0;
    while (i < len) {
        size_t n;
        int32_t cp = cp_at(s, len, i, &n);
        tok t = {0};
        t.off = i;
        t.cp = cp;
        if (cp == '\n') {
            t.kind = TK_NL;
            t.len = 1;
        } else if (cp == ' ') {
            t.kind = TK_SPACE;
            size_t j = i;
            while (j < len && s[j] == ' ')
                j++;
            t.len = j - i;
        } else if (is_digit(cp)) {
            t.kind = TK_NUM;
            t.len = scan_number(s, len, i);
        } else if (is_letter(cp)) {
            t.kind = TK_WORD;
            t.len = scan_word(s, len, i, &t.flags);
        } else {
            utf8proc_category_t c = utf8proc_category(cp);
            t.kind = c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO ? TK_SYM : TK_PUNCT;
            t.len = n;
        }
        if (push_tok(z, &cap, t) < 0)
            return -1;
        i += t.len;
    }
    return 0;
}

/* Marks upper-case words on lines written mostly in capitals (headlines,
 * datelines, credits), so they are spoken as words, not spelled. */
static void mark_caps_runs(norm *z)
{
    size_t a = 0;
    while (a < z->n) {
        size_t b = a, words = 0, upper = 0, letters = 0, common = 0, caps = 0;
        while (b < z->n && z->t[b].kind != TK_NL) {
            if (z->t[b].kind == TK_WORD) {
                words++;
                letters += z->t[b].len;
                if (z->t[b].flags & TF_UPPER)
                    upper++;
                /* "I" and "A" are capitals too, and common words. */
                int one = z->t[b].len == 1 && (z->t[b].flags & TF_CAP);
                caps += one || (z->t[b].flags & TF_UPPER);
                if (one)
                    common++;
                else if ((z->t[b].flags & TF_UPPER) && words == caps &&
                    (crier_lex_find(z->lex, CRIER_TAB_WORDS, tok_text(z, b), z->t[b].len) ||
                     crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, tok_text(z, b), z->t[b].len)))
                    common++;
            }
            b++;
        }
        /* A short line all in capitals is one too when its words are all
         * common English words or known acronyms: "THE END", "THE FBI". */
        if ((upper >= 2 && upper * 10 >= words * 6 && letters >= 8) ||
            (common >= 2 && common == words))
            for (size_t i = a; i < b; i++)
                if (z->t[i].flags & TF_UPPER)
                    z->t[i].flags |= TF_CAPS_RUN;
        a = b + 1;
    }
}

/* ==== Emitting =========================================================== */

/* Records one span; on out-of-memory the normalizer stops (z->oom). */
static void add_span(norm *z, size_t out_off, size_t out_len, size_t off, size_t len)
{
    if (z->nspans == z->capspans) {
        size_t c = z->capspans ? z->capspans * 2 : 256;
        crier_span *v = realloc(z->spans, c * sizeof *v);
        if (!v) {
            z->oom = 1;
            return;
        }
        z->spans = v;
        z->capspans = c;
    }
    z->spans[z->nspans++] = (crier_span){out_off, out_len, off, len};
}

/* Verbalizers mark the spelled letter "A" with this byte: eSpeak reads a
 * lone "A" before another word as the article, so it is written "A-"
 * there ("A- B C"), which eSpeak reads as the letter. */
#define LETTER_A_MARK '\x01'

/* Splits `words` at spaces and appends each with its span. A word goes
 * after a space unless it is glued (an apostrophe-s, a compound after a
 * hyphen). The letter A marked by crier_spell() becomes "A" now and gets
 * its hyphen when the next word arrives, so "U S A" ends without one. */
void crier_emit(norm *z, const char *words, size_t off, size_t len)
{
    const char *p = words;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        int is_a = w == 2 && p[0] == 'A' && p[1] == LETTER_A_MARK;
        if (z->letter_a)
            crier_buf_putc(&z->out, '-');
        char last = z->out.len ? z->out.ptr[z->out.len - 1] : '\n';
        if (last != '\n' && last != ' ' && !z->glue)
            crier_buf_putc(&z->out, ' ');
        add_span(z, z->out.len, is_a ? 1 : w, off, len);
        crier_buf_put(&z->out, p, is_a ? 1 : w);
        z->letter_a = is_a;
        z->need_space = 0;
        z->glue = 0;
        p += w;
    }
}

void crier_emit_toks(norm *z, const char *words, size_t i, size_t j)
{
    if (j <= i)
        j = i + 1;
    crier_emit(z, words, z->t[i].off, tok_end(z, j - 1) - z->t[i].off);
}

size_t crier_emit_buf(norm *z, crier_buf *w, size_t i, size_t j)
{
    if (w->ptr)
        crier_emit_toks(z, w->ptr, i, j);
    z->oom |= w->oom;
    crier_buf_free(w);
    return j - i;
}

/* Pauses never start a line, never double up, and a stronger mark
 * replaces a comma, so brackets and dashes around a full stop leave a
 * single full stop. The mark gets a span of its own. */
void crier_emit_pause(norm *z, const char *mark, size_t off, size_t len)
{
    z->letter_a = 0;
    z->glue = 0;
    if (!z->out.len || z->out.ptr[z->out.len - 1] == '\n')
        return; /* no pause before anything was said */
    char last = z->out.ptr[z->out.len - 1];
    if (strchr(",;:.!?", last)) {
        /* A stronger mark replaces a comma: "(Sep 20)." gives "20." */
        const crier_span *sp = z->nspans ? &z->spans[z->nspans - 1] : NULL;
        /* A dot with a comma glued after it ("Regt.,", "ft.,") was an
         * abbreviation's, not a full stop: the comma replaces it. */
        int abbr_dot = last == '.' && (mark[0] == ',' || mark[0] == ';') && sp &&
                       sp->out_off == z->out.len - 1 && sp->src_len == 1 &&
                       sp->src_off + 1 == off;
        /* A dot inside a spoken word ("p.m.") is no pause: "5 p.m., he
         * left" keeps its comma, "at 7pm; the show" its semicolon. */
        int word_dot = last == '.' && mark[0] != '.' && sp && sp->out_len > 1 &&
                       sp->out_off + sp->out_len == z->out.len;
        if ((last == ',' && strchr(".!?;:", mark[0])) || abbr_dot) {
            z->out.len--;
            if (z->nspans && z->spans[z->nspans - 1].out_off == z->out.len)
                z->nspans--;
        } else if (!word_dot) {
            return;
        }
    }
    add_span(z, z->out.len, strlen(mark), off, len);
    crier_buf_puts(&z->out, mark);
}

/* Looks at what was said, not at the source: an abbreviation that
 * swallowed its dot did not end the sentence. */
int crier_sentence_start(const norm *z)
{
    size_t k = z->out.len;
    while (k && z->out.ptr[k - 1] == ' ')
        k--;
    return k == 0 || strchr("\n.!?", z->out.ptr[k - 1]) != NULL;
}

/* ==== Token helpers ====================================================== */

size_t crier_skip_space(const norm *z, size_t i)
{
    while (i < z->n && z->t[i].kind == TK_SPACE)
        i++;
    return i;
}

size_t crier_prev_word(const norm *z, size_t i)
{
    while (i > 0) {
        i--;
        if (z->t[i].kind != TK_SPACE)
            return i;
    }
    return (size_t)-1;
}

int crier_tok_eq(const norm *z, size_t i, const char *s)
{
    size_t k = strlen(s);
    return i < z->n && z->t[i].len == k && strncasecmp(tok_text(z, i), s, k) == 0;
}

int crier_tok_dash(const norm *z, size_t i)
{
    return tok_punct(z, i, '-') || tok_punct(z, i, 0x2013) || tok_punct(z, i, 0x2014);
}

const crier_lex_row *crier_tok_find(const norm *z, crier_table table, size_t i)
{
    if (i >= z->n)
        return NULL;
    return crier_lex_find(z->lex, table, tok_text(z, i), z->t[i].len);
}

const char *crier_phrase(const norm *z, const char *key)
{
    const crier_lex_row *r = crier_lex_find(z->lex, CRIER_TAB_PHRASES, key, strlen(key));
    return r ? r->cols[1] : key;
}

void crier_put_phrase(const norm *z, const char *key, crier_buf *w)
{
    crier_put_word(w, crier_phrase(z, key));
}

unsigned crier_tok_ctx(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD))
        return 0;
    const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_CONTEXT_WORDS, i);
    return r ? r->flags : 0;
}

int crier_ctx_after(const norm *z, size_t end, unsigned flag)
{
    size_t n = crier_skip_space(z, end);
    return n > end && tok_is(z, n, TK_WORD) && (crier_tok_ctx(z, n) & flag);
}

int crier_ctx_before(const norm *z, size_t i, unsigned flag, int back)
{
    size_t p = crier_prev_word(z, i);
    for (int k = 0; k < back && p != (size_t)-1 && tok_is(z, p, TK_WORD); k++) {
        if (crier_tok_ctx(z, p) & flag)
            return 1;
        p = crier_prev_word(z, p);
    }
    return 0;
}

/* ==== Dispatcher ========================================================= */

typedef size_t (*classifier)(norm *z, size_t i);

/* Order matters: an address owns its dots, a date owns its numbers, a
 * currency its amount, an abbreviation its dot. */
static const classifier CLASSIFIERS[] = {
    crier_cls_markup,   crier_cls_electronic, crier_cls_phone,   crier_cls_address,
    crier_cls_idiom,    crier_cls_verse,      crier_cls_old_money, crier_cls_date,     crier_cls_range,      crier_cls_decade,  crier_cls_time,
    crier_cls_money,    crier_cls_measure,    crier_cls_fraction, crier_cls_serial,
    crier_cls_number,   crier_cls_roman,      crier_cls_state,   crier_cls_abbrev,
    crier_cls_caps,     crier_cls_word,       crier_cls_symbol,
};

/* Closes a line of output: a dangling comma (and its span) goes. */
static void end_line(norm *z)
{
    /* A line never ends in a dangling comma. */
    if (z->out.len && z->out.ptr[z->out.len - 1] == ',') {
        z->out.len--;
        if (z->nspans && z->spans[z->nspans - 1].out_off == z->out.len)
            z->nspans--;
    }
    z->letter_a = 0;
    z->glue = 0;
}

/* The dispatcher: spaces and newlines are handled here, everything else
 * is offered to the classifiers in order until one takes it. Every
 * classifier takes at least one token or none, so the loop ends. */
static void run(norm *z)
{
    size_t i = 0;
    while (i < z->n && !z->oom && !z->out.oom) {
        tok *t = &z->t[i];
        if (t->kind == TK_SPACE) {
            z->need_space = 1;
            z->glue = 0;
            i++;
            continue;
        }
        if (t->kind == TK_NL) {
            end_line(z);
            crier_buf_putc(&z->out, '\n');
            i++;
            continue;
        }
        size_t k = 0;
        for (size_t c = 0; c < CRIER_ARRAY_LEN(CLASSIFIERS) && !k; c++)
            k = CLASSIFIERS[c](z, i);
        i += k ? k : 1;
    }
    end_line(z);
    if (z->out.ptr)
        z->out.ptr[z->out.len] = '\0';
}

/* Rewrites every span from clean offsets to source offsets. */
static void map_spans(norm *z, const norm_mark *m, size_t nm)
{
    if (!nm)
        return;
    for (size_t i = 0; i < z->nspans; i++) {
        crier_span *s = &z->spans[i];
        size_t a = source_of(m, nm, s->src_off, 0);
        size_t b = source_of(m, nm, s->src_off + s->src_len, 1);
        s->src_off = a;
        s->src_len = b > a ? b - a : 0;
    }
}

crier_status crier_normalize(const crier_lexicon *lex, const char *text, size_t len,
                             unsigned flags, crier_spoken **out, crier_error *err)
{
    norm z = {0};
    z.lex = lex;
    z.flags = flags;
    crier_buf clean = CRIER_BUF_INIT;
    norm_mark *marks = NULL;
    size_t nmarks = 0;
    crier_spoken *sp = calloc(1, sizeof *sp);
    int bad = !sp || clean_text(text, len, &clean, &marks, &nmarks) < 0;
    z.src = clean.ptr ? clean.ptr : "";
    z.srclen = clean.len;
    if (!bad)
        bad = tokenize(&z, z.src, z.srclen) < 0;
    if (!bad) {
        mark_caps_runs(&z);
        run(&z);
        map_spans(&z, marks, nmarks);
    }
    free(z.t);
    free(marks);
    crier_buf_free(&clean);
    size_t n = z.out.len;
    char *s = bad ? NULL : crier_buf_detach(&z.out);
    if (bad || !s || z.oom) {
        free(s);
        crier_buf_free(&z.out);
        free(z.spans);
        free(sp);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    if (!n)
        s[0] = '\0';
    sp->text = s;
    sp->len = n;
    sp->spans = z.spans;
    sp->nspans = z.nspans;
    *out = sp;
    return CRIER_OK;
}

/* Frees the spoken text, its spans and the struct; NULL does nothing. */
void crier_spoken_free(crier_spoken *spoken)
{
    if (!spoken)
        return;
    free(spoken->text);
    free(spoken->spans);
    free(spoken);
}
