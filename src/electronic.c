/* electronic.c -- stage 2: web addresses, e-mail addresses, handles and
 * hashtags.
 *
 * "https://www.bbc.co.uk/news" is "H T T P S colon slash slash W W W dot
 * B B C dot co dot U K slash news", "jane.doe@example.com" "jane dot doe
 * at example dot com", "@handle" "at handle", "#hashtag" "hashtag
 * hashtag", "#1" "number one". Letters are said as a word unless the
 * part is listed as spelled (electronic.tsv: "www", "html") or is a
 * two-letter country domain; digits are said one by one; symbols by
 * their address reading in symbols.tsv ("." is "dot", "-" "dash").
 *
 * An address is a run of text without spaces. It is looked for only
 * where such a run starts, and the run is scanned once, so a long line
 * without spaces costs linear time. Punctuation that ends the sentence
 * ("Visit example.com.") is not part of the address. */
#include "internal.h"
#include "norm.h"

#include <string.h>
#include <strings.h>

/* ==== Scanning =========================================================== */

static int alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Characters an address may contain. */
static int addr_char(char c)
{
    return alnum(c) || (c && strchr("-._~:/?#[]@!$&'()*+,;=%", c));
}

/* The end of the run of address characters from `a`, with punctuation
 * that ends a sentence or closes a bracket taken off. */
static size_t run_end(const char *s, size_t len, size_t a)
{
    size_t b = a;
    while (b < len && addr_char(s[b]))
        b++;
    while (b > a && strchr(".,;:!?)]'\"", s[b - 1]))
        b--;
    return b;
}

/* The electronic.tsv row for a label, or NULL. */
static const crier_lex_row *label_row(const norm *z, const char *s, size_t n)
{
    return crier_lex_find(z->lex, CRIER_TAB_ELECTRONIC, s, n);
}

/* True when s[a..b) is a domain: labels of letters, digits and hyphens
 * joined by dots, ending in a top-level domain that is listed, or in two
 * to six letters when the whole domain is in lower case ("test.abc"). */
static int is_domain(const norm *z, const char *s, size_t a, size_t b)
{
    size_t labels = 0, last = a, upper = 0;
    for (size_t k = a; k < b; k++) {
        if (s[k] == '.') {
            if (k == last)
                return 0;
            labels++;
            last = k + 1;
        } else if (!alnum(s[k]) && s[k] != '-') {
            return 0;
        } else if (s[k] >= 'A' && s[k] <= 'Z') {
            upper++;
        }
    }
    if (!labels || last >= b)
        return 0;
    for (size_t k = last; k < b; k++)
        if (!alpha(s[k]))
            return 0;
    const crier_lex_row *r = label_row(z, s + last, b - last);
    if (r && (r->flags & CRIER_EL_TLD))
        return 1;
    /* Two lower-case letters after a dot: a country domain ("yahoo.ro"). */
    if (b - last == 2 && s[last] >= 'a' && s[last + 1] >= 'a' && last - a >= 3)
        return 1;
    /* An unknown ending: only an all-lower-case name with long labels. */
    return !upper && b - last >= 2 && b - last <= 6 && (size_t)(strchr(s + a, '.') - (s + a)) >= 2;
}

/* Classifies the run s[a..b): 'u' web address, 'e' e-mail, 0 neither.
 * *host_end is the end of the host part. */
static int classify(const norm *z, const char *s, size_t a, size_t b, size_t *host_end)
{
    const char *at = memchr(s + a, '@', b - a);
    if (at && at > s + a) {
        size_t d = (size_t)(at - s) + 1, e = d;
        while (e < b && (alnum(s[e]) || s[e] == '.' || s[e] == '-'))
            e++;
        for (size_t k = a; k < (size_t)(at - s); k++)
            if (!alnum(s[k]) && !strchr("._%+&'-", s[k]))
                return 0;
        *host_end = e;
        return is_domain(z, s, d, e) ? 'e' : 0;
    }
    size_t h = a;
    while (h < b && alpha(s[h]))
        h++;
    if (h > a && b - h > 3 && s[h] == ':' && s[h + 1] == '/' && s[h + 2] == '/') {
        *host_end = b; /* "https://..." */
        return 'u';
    }
    h = a;
    while (h < b && s[h] != '/')
        h++;
    *host_end = h;
    if (b - a > 4 && strncasecmp(s + a, "www.", 4) == 0)
        return 'u';
    return is_domain(z, s, a, h) ? 'u' : 0;
}

/* ==== Reading ============================================================ */

/* Longest word words.tsv may hold that the splitter looks for. */
#define WORD_MAX 16

/* Cuts lower-case s[0..n) into words of words.tsv ("ourdailynews" is
 * "our daily news"), as few as possible and at most four; sets cut[k] to
 * the end of word k and returns the count, or 0 when s is a word itself
 * or cannot be cut. Parts shorter than eight letters ("hashtag",
 * "gmail") are left whole: eSpeak says those well, and short parts cut
 * by chance too often. best[] and from[] cost O(n * WORD_MAX) lookups, and
 * labels are short. */
static int split_words(const norm *z, const char *s, size_t n, size_t *cut)
{
    unsigned char best[65], from[65];
    if (n < 8 || n > 64 || crier_lex_find(z->lex, CRIER_TAB_WORDS, s, n))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < 'a' || s[k] > 'z')
            return 0;
    memset(best, 0xFF, sizeof best);
    best[0] = 0;
    for (size_t e = 2; e <= n; e++)
        for (size_t b = e >= WORD_MAX ? e - WORD_MAX : 0; b + 2 <= e; b++)
            if (best[b] < 4 && best[b] + 1 < best[e] &&
                crier_lex_find(z->lex, CRIER_TAB_WORDS, s + b, e - b)) {
                best[e] = (unsigned char)(best[b] + 1);
                from[e] = (unsigned char)b;
            }
    if (best[n] == 0xFF)
        return 0;
    int count = best[n];
    for (size_t e = n, k = (size_t)count; k > 0; e = from[e])
        cut[--k] = e;
    return count;
}

/* Appends a run of letters: listed parts as the list says, a two-letter
 * last label spelled, words run together cut apart ("ourdailynews"),
 * others as written (split where a capital follows a lower-case letter:
 * "GCatholic" is "G Catholic"). */
static void say_letters(const norm *z, const char *s, size_t n, int tld, crier_buf *w)
{
    const crier_lex_row *r = label_row(z, s, n);
    if (r && (r->flags & CRIER_EL_SPELL)) {
        crier_spell(r->cols[1], strlen(r->cols[1]), w);
        return;
    }
    if (r) {
        crier_put_word(w, r->cols[1]);
        return;
    }
    int vowel = 0;
    for (size_t k = 0; k < n && !vowel; k++)
        vowel = strchr("aeiouyAEIOUY", s[k]) != NULL;
    if ((tld && n == 2) || !vowel) {
        crier_spell(s, n, w); /* "uk", "cdc" */
        return;
    }
    size_t ends[4];
    int words = split_words(z, s, n, ends);
    for (int k = 0; k < words; k++) {
        crier_put_word(w, "");
        crier_buf_put(w, s + (k ? ends[k - 1] : 0), ends[k] - (k ? ends[k - 1] : 0));
    }
    if (words)
        return;
    size_t a = 0;
    for (size_t k = 1; k <= n; k++) {
        int cut = k == n || (s[k] >= 'A' && s[k] <= 'Z' && k + 1 < n && s[k + 1] >= 'a' &&
                             s[k + 1] <= 'z');
        if (!cut)
            continue;
        crier_put_word(w, "");
        if (k - a == 1 && s[a] >= 'A' && s[a] <= 'Z')
            crier_spell(s + a, 1, w);
        else
            crier_buf_put(w, s + a, k - a);
        a = k;
    }
}

/* Appends the address reading of a symbol. */
static void say_symbol(const norm *z, char c, crier_buf *w)
{
    const crier_lex_row *r = crier_symbol_row(z, (unsigned char)c);
    if (r)
        crier_put_word(w, r->ncols > 3 ? r->cols[3] : r->cols[1]);
}

/* A number inside a hashtag or a handle is a word of it, not part of an
 * address: "#Election2024" "election twenty twenty-four", "#COVID19"
 * "COVID nineteen"; only a long or zero-led run is read digit by digit.
 * Returns the end of the run. */
static size_t tag_number(const norm *z, const char *s, size_t k, size_t b, crier_buf *w)
{
    size_t e = k;
    while (e < b && s[e] >= '0' && s[e] <= '9')
        e++;
    long v = e - k <= 4 ? crier_digits_value(s + k, e - k) : -1;
    if (s[k] == '0' || v < 0)
        crier_say_digits(z, s + k, e - k, w);
    else if (e - k == 4 && v >= 1100 && v <= 2099)
        crier_say_year(z, s + k, 4, w);
    else if (e - k <= 3)
        crier_say_cardinal(z, s + k, e - k, w);
    else
        crier_say_digits(z, s + k, e - k, w);
    return e;
}

/* Reads s[a..b) as an address; `tag` says it is a hashtag or a handle. */
static void say_address(const norm *z, const char *s, size_t a, size_t b, size_t host_end,
                        int tag, crier_buf *w)
{
    size_t k = a;
    while (k < b) {
        if (alpha(s[k])) {
            size_t e = k;
            while (e < b && alpha(s[e]))
                e++;
            int last_label = e == host_end && k > a && s[k - 1] == '.';
            say_letters(z, s + k, e - k, last_label, w);
            k = e;
        } else if (s[k] >= '0' && s[k] <= '9' && tag) {
            k = tag_number(z, s, k, b, w);
        } else if (s[k] >= '0' && s[k] <= '9') {
            if (s[k] == '0')
                crier_put_number_word(z, "o", 1, w); /* "two oh oh six" */
            else
                crier_say_digits(z, s + k, 1, w);
            k++;
        } else if (s[k] == ':' && b - k >= 3 && s[k + 1] == '/' && s[k + 2] == '/') {
            say_symbol(z, ':', w);
            say_symbol(z, '/', w);
            say_symbol(z, '/', w);
            k += 3;
        } else {
            say_symbol(z, s[k], w);
            k++;
        }
    }
}

/* ==== Classifier ========================================================= */

/* The first token at or after i that starts at or after byte `b`. */
static size_t tok_at_byte(const norm *z, size_t i, size_t b)
{
    while (i < z->n && z->t[i].off < b)
        i++;
    return i;
}

/* "@handle", "#hashtag", "#1". */
static size_t handle(norm *z, size_t i)
{
    if (!tok_is(z, i + 1, TK_WORD) && !tok_is(z, i + 1, TK_NUM))
        return 0;
    if (!tok_glued(z, i + 1))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    size_t j = i + 1;
    if (tok_punct(z, i, '#') && tok_is(z, j, TK_NUM)) {
        numx x;
        if (!crier_num_parse(z, j, &x) || x.neg)
            return 0;
        crier_put_phrase(z, "number", &w);
        crier_say_num(z, &x, &w);
        return crier_emit_buf(z, &w, i, x.end);
    }
    /* "the hashtag #MeToo": the word is said once. */
    const char *sign = tok_punct(z, i, '@') ? "at" : "hashtag";
    if (tok_punct(z, i, '@') || !crier_tok_eq(z, crier_prev_word(z, i), crier_phrase(z, sign)))
        crier_put_phrase(z, sign, &w);
    numx x;
    if (tok_is(z, j, TK_NUM) && crier_num_parse(z, j, &x) && !x.fp &&
        !(tok_is(z, x.end, TK_WORD) && tok_glued(z, x.end))) {
        crier_say_num(z, &x, &w); /* "@12" */
        return crier_emit_buf(z, &w, i, x.end);
    }
    const char *s = z->src;
    size_t b = tok_end(z, j);
    /* "@elonmusk's post": the possessive is the name's, not a letter. */
    int poss = b - z->t[j].off > 2 && s[b - 2] == '\'' && s[b - 1] == 's';
    if (poss)
        b -= 2;
    while (!poss && b < z->srclen && (alnum(s[b]) || s[b] == '_'))
        b++;
    say_address(z, s, z->t[j].off, b, 0, 1, &w);
    if (poss) {
        crier_buf_puts(&w, "'s");
        b += 2;
    }
    return crier_emit_buf(z, &w, i, tok_at_byte(z, j, b));
}

/* "http : //example.com/x", a web address as tokenized text writes it:
 * the scheme, a spaced colon, then the rest of the address glued to its
 * slashes. */
static size_t spaced_scheme(norm *z, size_t i)
{
    const crier_lex_row *r = crier_tok_find(z, CRIER_TAB_ELECTRONIC, i);
    size_t c = crier_skip_space(z, i + 1), d = crier_skip_space(z, c + 1);
    if (!r || !(r->flags & CRIER_EL_SPELL) || z->t[i].len > 5 || c == i + 1 ||
        !tok_punct(z, c, ':') || !tok_punct(z, d, '/') || !tok_punct(z, d + 1, '/') ||
        !tok_glued(z, d + 1) || !tok_glued(z, d + 2))
        return 0;
    const char *s = z->src;
    size_t a = z->t[d].off + 2, b = run_end(s, z->srclen, a), h = a;
    while (h < b && s[h] != '/')
        h++;
    if (b <= a || !is_domain(z, s, a, h))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_letters(z, tok_text(z, i), z->t[i].len, 0, &w);
    say_symbol(z, ':', &w);
    say_symbol(z, '/', &w);
    say_symbol(z, '/', &w);
    say_address(z, s, a, b, h, 0, &w);
    z->scan_end = tok_at_byte(z, d, b);
    return crier_emit_buf(z, &w, i, z->scan_end);
}

/* Handles and hashtags start with their sign; addresses are classified
 * from the raw run of text, then emitted over all the tokens they cover. */
size_t crier_cls_electronic(norm *z, size_t i)
{
    tok_kind k = z->t[i].kind;
    if (k != TK_WORD && k != TK_NUM && k != TK_SYM && k != TK_PUNCT)
        return 0;
    /* Only where a run of text starts, and never twice in one run. A
     * stray dot or comma before the run is not part of it ("test
     * .b@gmail.com"). */
    int stray = i > 1 && (tok_punct(z, i - 1, '.') || tok_punct(z, i - 1, ',')) &&
                (z->t[i - 2].kind == TK_SPACE || z->t[i - 2].kind == TK_NL);
    if (i < z->scan_end || (i > 0 && z->t[i - 1].kind != TK_SPACE && z->t[i - 1].kind != TK_NL &&
                            !tok_punct(z, i - 1, '(') && !tok_punct(z, i - 1, '"') &&
                            !tok_punct(z, i - 1, '<') && !tok_punct(z, i - 1, '[') && !stray))
        return 0;
    if (tok_punct(z, i, '@') || tok_punct(z, i, '#'))
        return handle(z, i);
    if (k != TK_WORD && k != TK_NUM)
        return 0;
    size_t sp = k == TK_WORD ? spaced_scheme(z, i) : 0;
    if (sp)
        return sp;
    const char *s = z->src;
    size_t a = z->t[i].off, b = run_end(s, z->srclen, a), host_end;
    z->scan_end = tok_at_byte(z, i, b);
    if (b - a < 4)
        return 0;
    int what = classify(z, s, a, b, &host_end);
    if (!what)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_address(z, s, a, b, host_end, 0, &w);
    return crier_emit_buf(z, &w, i, tok_at_byte(z, i, b));
}
