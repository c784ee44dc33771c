/* normalize.c -- stage 2: written text to spoken text.
 *
 * In: the written text of one segment (any UTF-8). Out: the words a
 * newsreader would say, with pause punctuation, and a span map from every
 * spoken word back to the source bytes it came from (captions show the
 * written text, synthesis speaks the normalized one).
 *
 * Three layers. The tokenizer cuts the text into words, numbers,
 * punctuation, symbols, spaces and newlines. The dispatcher offers each
 * position to the classifiers in a fixed order (dates before numbers,
 * abbreviations before words); the first that recognises the tokens there
 * consumes them and verbalizes them. What no classifier takes is spoken
 * as itself. All language knowledge comes from the lexicon tables. */
#include "internal.h"
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ==== Tokenizer ========================================================== */

static int is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

static int is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

static int is_hspace(int32_t cp)
{
    return cp == ' ' || cp == '\t' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Decodes the code point at s[i]; the input is valid UTF-8 (input.c), but
 * the normalizer is also a public entry point, so a bad byte is taken as
 * U+FFFD of length one. */
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

/* Scans a word from i: letters, marks and digits, inner apostrophes, and
 * inner dots when they separate single letters ("U.S.", "e.g.", "a.m."). */
static size_t scan_word(const char *s, size_t len, size_t i, unsigned *flags)
{
    size_t start = i, n, letters = 0, upper = 0;
    int dots = 0;
    while (i < len) {
        int32_t cp = cp_at(s, len, i, &n);
        if (is_letter(cp) || is_digit(cp)) {
            if (is_letter(cp)) {
                letters++;
                upper += utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
            }
            i += n;
            continue;
        }
        size_t m = 0;
        int32_t next = i + n < len ? cp_at(s, len, i + n, &m) : 0;
        if ((cp == '\'' || cp == 0x2019) && is_letter(next)) {
            i += n;
            continue;
        }
        /* "U.S.": a dot after a single letter, followed by a letter. */
        if (cp == '.' && i - start <= 2 + (size_t)dots * 2 && is_letter(next) &&
            (i + n + m >= len || !is_letter(cp_at(s, len, i + n + m, &m)))) {
            dots++;
            i += n;
            continue;
        }
        if (cp == '.' && dots)
            i += n; /* the final dot of "U.S." belongs to it */
        break;
    }
    size_t first;
    int32_t c0 = cp_at(s, len, start, &first);
    *flags = 0;
    if (utf8proc_category(c0) == UTF8PROC_CATEGORY_LU)
        *flags |= TF_CAP;
    if (letters >= 2 && upper == letters)
        *flags |= TF_UPPER;
    if (dots)
        *flags |= TF_DOTS;
    return i - start;
}

/* Scans digits with inner ',' or '.' groups: "3,700", "5.5", "1,250.75". */
static size_t scan_number(const char *s, size_t len, size_t i)
{
    size_t start = i;
    while (i < len) {
        if (is_digit((unsigned char)s[i]))
            i++;
        else if ((s[i] == ',' || s[i] == '.') && i + 1 < len && is_digit((unsigned char)s[i + 1]))
            i++;
        else
            break;
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
        } else if (is_hspace(cp)) {
            t.kind = TK_SPACE;
            size_t j = i;
            while (j < len && is_hspace(cp_at(s, len, j, &n)))
                j += n;
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
        size_t b = a, words = 0, upper = 0;
        while (b < z->n && z->t[b].kind != TK_NL) {
            if (z->t[b].kind == TK_WORD) {
                words++;
                upper += (z->t[b].flags & TF_UPPER) != 0;
            }
            b++;
        }
        if (upper >= 2 && upper * 10 >= words * 6)
            for (size_t i = a; i < b; i++)
                if (z->t[i].flags & TF_UPPER)
                    z->t[i].flags |= TF_CAPS_RUN;
        a = b + 1;
    }
}

/* ==== Emitting =========================================================== */

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

void crier_emit(norm *z, const char *words, size_t off, size_t len)
{
    const char *p = words;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        char last = z->out.len ? z->out.ptr[z->out.len - 1] : '\n';
        if (last != '\n' && last != ' ' && (last != '-' || z->need_space))
            crier_buf_putc(&z->out, ' ');
        add_span(z, z->out.len, w, off, len);
        crier_buf_put(&z->out, p, w);
        z->need_space = 0;
        p += w;
    }
}

void crier_emit_pause(norm *z, const char *mark, size_t off, size_t len)
{
    if (!z->out.len || z->out.ptr[z->out.len - 1] == '\n')
        return; /* no pause before anything was said */
    char last = z->out.ptr[z->out.len - 1];
    if (strchr(",;:.!?", last)) {
        /* A stronger mark replaces a comma: "(Sep 20)." gives "20." */
        if (last == ',' && strchr(".!?;:", mark[0]))
            z->out.len--;
        else
            return;
    }
    add_span(z, z->out.len, strlen(mark), off, len);
    crier_buf_puts(&z->out, mark);
}

size_t crier_skip_space(const norm *z, size_t i)
{
    while (i < z->n && z->t[i].kind == TK_SPACE)
        i++;
    return i;
}

int crier_tok_eq(const norm *z, size_t i, const char *s)
{
    size_t k = strlen(s);
    return i < z->n && z->t[i].len == k && strncasecmp(tok_text(z, i), s, k) == 0;
}

/* ==== Dispatcher ========================================================= */

/* Speaks punctuation and symbols that no classifier took: sentence marks
 * stay as pauses, brackets and dashes become commas, quotes vanish. */
static size_t cls_punct(norm *z, size_t i)
{
    const tok *t = &z->t[i];
    int32_t c = t->cp;
    size_t prev = i ? i - 1 : 0;
    int spaced = i == 0 || z->t[prev].kind == TK_SPACE || i + 1 >= z->n ||
                 z->t[i + 1].kind == TK_SPACE;
    if (c == '-' && !spaced) {
        /* "state-issued": keep the hyphen inside the compound. */
        crier_buf_putc(&z->out, '-');
        return 1;
    }
    if (c == '.' && i + 2 < z->n && tok_punct(z, i + 1, '.') && tok_punct(z, i + 2, '.')) {
        crier_emit_pause(z, ",", t->off, 3);
        return 3;
    }
    char mark[2] = {0, 0};
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?')
        mark[0] = (char)c;
    else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '-' || c == 0x2013 ||
             c == 0x2014 || c == 0x2026 || c == '/')
        mark[0] = ',';
    if (mark[0])
        crier_emit_pause(z, mark, t->off, t->len);
    return 1;
}

typedef size_t (*classifier)(norm *z, size_t i);

/* Order matters: a date owns its numbers, an abbreviation owns its dot. */
static const classifier CLASSIFIERS[] = {
    crier_cls_date, crier_cls_number, crier_cls_abbrev, crier_cls_caps, crier_cls_word,
};

static void run(norm *z)
{
    size_t i = 0;
    while (i < z->n && !z->oom && !z->out.oom) {
        tok *t = &z->t[i];
        if (t->kind == TK_SPACE) {
            z->need_space = 1;
            i++;
            continue;
        }
        if (t->kind == TK_NL) {
            /* A line never ends in a dangling comma. */
            if (z->out.len && z->out.ptr[z->out.len - 1] == ',')
                z->out.len--;
            crier_buf_putc(&z->out, '\n');
            i++;
            continue;
        }
        size_t k = 0;
        for (size_t c = 0; c < CRIER_ARRAY_LEN(CLASSIFIERS) && !k; c++)
            k = CLASSIFIERS[c](z, i);
        if (!k)
            k = cls_punct(z, i);
        i += k;
    }
    if (z->out.len && z->out.ptr[z->out.len - 1] == ',')
        z->out.len--;
    if (z->out.ptr)
        z->out.ptr[z->out.len] = '\0';
}

crier_status crier_normalize(const crier_lexicon *lex, const char *text, size_t len,
                             unsigned flags, crier_spoken **out, crier_error *err)
{
    norm z = {0};
    z.lex = lex;
    z.flags = flags;
    z.src = text;
    crier_spoken *sp = calloc(1, sizeof *sp);
    if (!sp || tokenize(&z, text, len) < 0) {
        free(sp);
        free(z.t);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    mark_caps_runs(&z);
    run(&z);
    free(z.t);
    size_t n = z.out.len;
    char *s = crier_buf_detach(&z.out);
    if (!s || z.oom) {
        free(s);
        free(z.spans);
        free(sp);
        return crier_fail(err, CRIER_ERR_NOMEM, NULL, 0, "out of memory");
    }
    sp->text = s;
    sp->len = n;
    sp->spans = z.spans;
    sp->nspans = z.nspans;
    *out = sp;
    return CRIER_OK;
}

void crier_spoken_free(crier_spoken *spoken)
{
    if (!spoken)
        return;
    free(spoken->text);
    free(spoken->spans);
    free(spoken);
}
