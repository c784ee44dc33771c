/* serial.c -- stage 2: telephone numbers and alphanumeric codes.
 *
 * Telephone numbers are read digit by digit in their groups, with a pause
 * between groups: "+41 22 123 4567" is "plus four one, two two, one two
 * three, four five six seven", "(555) 012-3456" "five five five, zero
 * one two, three four five six", "1-800-FLOWERS" "one, eight hundred,
 * FLOWERS". Groups parted by spaces alone are a telephone number when it
 * is international or starts with a trunk zero ("020 7946 0958"). Dotted
 * quads are addresses: "123.123.0.40" is "one two three dot one two three
 * dot zero dot four zero".
 *
 * Alphanumeric codes are letters and digits written together: "MP3" is
 * "M P three", "G7" "G seven", "BA123" "B A one twenty-three", "4x4"
 * "four by four" ("2x8 m2" "two by eight square meters"), "B2A23C" "B
 * two A twenty-three C". Letters in capitals
 * are spelled (or said, for a pronounceable word of four letters or
 * more); short digit groups are numbers, three digits are read in pairs
 * as model numbers are ("seven thirty-seven"), long ones digit by digit.
 * Codes joined by hyphens ("COVID-19", "F-16") need no rule: each part
 * is read by its own class and the hyphen stays. */
#include "internal.h"
#include "norm.h"

#include <string.h>

/* ==== Telephone numbers ================================================== */

typedef struct phone {
    size_t tok[8];  /* token of each group */
    const char *s[8];
    size_t n[8];
    int word[8];    /* the group is letters ("FLOWERS") */
    int count, plus;
    size_t end;
} phone;

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

static int add_group(phone *p, size_t t, const char *s, size_t n, int word)
{
    if (p->count == 8)
        return 0;
    p->tok[p->count] = t;
    p->s[p->count] = s;
    p->n[p->count] = n;
    p->word[p->count++] = word;
    return 1;
}

/* Splits "555.555.5555" (one token) into its groups. */
static int dotted_groups(const norm *z, size_t j, phone *p)
{
    const char *s = tok_text(z, j);
    size_t n = z->t[j].len;
    for (size_t a = 0; a <= n;) {
        const char *d = memchr(s + a, '.', n - a);
        size_t b = d ? (size_t)(d - s) : n;
        if (!all_digits(s + a, b - a) || !add_group(p, j, s + a, b - a, 0))
            return 0;
        a = b + 1;
    }
    p->end = j + 1;
    return '.';
}

/* Splits the groups of a number written with dashes, spaces or an area
 * code in brackets, from token i ("+1 (123) 123-5678"). Returns the main
 * separator ('-', ' ', '(' when brackets were used, '.') or 0. */
static int phone_groups(const norm *z, size_t i, phone *p)
{
    size_t j = i;
    int sep = 0, paren = 0;
    memset(p, 0, sizeof *p);
    if (tok_punct(z, j, '+') && tok_is(z, j + 1, TK_NUM) && tok_glued(z, j + 1)) {
        p->plus = 1;
        j++;
    }
    if (!p->plus && tok_is(z, j, TK_NUM) && memchr(tok_text(z, j), '.', z->t[j].len))
        return dotted_groups(z, j, p);
    while (j < z->n && p->count < 8) {
        size_t next;
        /* "+44 (0)20 7946 0958": the trunk zero in brackets is not
         * dialled from abroad, nor said. */
        if (p->plus && tok_punct(z, j, '(') && tok_is(z, j + 1, TK_NUM) && z->t[j + 1].len == 1 &&
            tok_text(z, j + 1)[0] == '0' && tok_punct(z, j + 2, ')') && tok_is(z, j + 3, TK_NUM) &&
            tok_glued(z, j + 3))
            j += 3;
        /* "(555)", and an area code with its trunk zero, "(02)",
         * "(0161)" */
        size_t an = tok_is(z, j + 1, TK_NUM) ? z->t[j + 1].len : 0;
        if (tok_punct(z, j, '(') && an >= 2 && an <= 5 &&
            (an == 3 || tok_text(z, j + 1)[0] == '0') && tok_punct(z, j + 2, ')') &&
            all_digits(tok_text(z, j + 1), an)) {
            add_group(p, j + 1, tok_text(z, j + 1), an, 0);
            paren = 1;
            next = j + 3;
        } else if (tok_is(z, j, TK_NUM) && all_digits(tok_text(z, j), z->t[j].len)) {
            add_group(p, j, tok_text(z, j), z->t[j].len, 0);
            next = j + 1;
        } else if (tok_is(z, j, TK_WORD) && (z->t[j].flags & TF_CAP) && sep == '-' &&
                   p->count >= 2) {
            add_group(p, j, tok_text(z, j), z->t[j].len, 1); /* "1-800-FLOWERS" */
            next = j + 1;
        } else {
            break;
        }
        p->end = next;
        int c = tok_punct(z, next, '-') && tok_glued(z, next) ? '-'
                : tok_is(z, next, TK_SPACE) && z->t[next].len == 1 ? ' ' : 0;
        if (!c && ((paren && tok_is(z, next, TK_NUM)) || (p->plus && tok_punct(z, next, '(')))) {
            j = next; /* "(555)555-5555", "+1(123) 123-5678" */
            continue;
        }
        /* Spaces part the groups of an international number, or of a
         * national one that starts with its trunk zero ("020 7946 0958"). */
        int trunk = (p->s[0][0] == '0' && p->n[0] >= 2 && p->n[0] <= 5) ||
                    (p->s[0][0] == '1' && p->n[0] == 1); /* "1 800 555 0199" */
        if (!c || (c == ' ' && !p->plus && !paren && !trunk) ||
            (sep && c != sep && !p->plus && !paren))
            break;
        if (!tok_is(z, next + 1, TK_NUM) && !tok_is(z, next + 1, TK_WORD) &&
            !tok_punct(z, next + 1, '('))
            break;
        if (!sep)
            sep = c;
        j = next + 1;
    }
    if (p->count < 2)
        return 0;
    return paren ? '(' : sep ? sep : '-';
}

/* True when the group sizes make a telephone number. */
static int phone_shape(const phone *p, int sep)
{
    size_t digits = 0;
    for (int k = 0; k < p->count; k++)
        digits += p->word[k] ? 0 : p->n[k];
    if (p->plus)
        return p->count >= 2 && digits >= 8 && digits <= 15;
    const size_t *n = p->n;
    if (sep == ' ') {
        /* "020 7946 0958", "0161 496 0000", "07700 900123": a trunk zero,
         * ten or eleven digits, no group shorter than two. */
        if (p->count == 4 && n[0] == 1 && p->s[0][0] == '1' && n[1] == 3 && n[2] == 3 && n[3] == 4 &&
            !p->word[1] && !p->word[2] && !p->word[3])
            return 1; /* "1 800 555 0199": the North American code, spaced */
        for (int k = 0; k < p->count; k++)
            if (p->word[k] || n[k] < 2)
                return 0;
        return p->s[0][0] == '0' && digits >= 10 && digits <= 11;
    }
    if (sep == '(' && p->s[0][0] == '0') {
        /* "(02) 9876 5432", "(0161) 496 0000": a trunk zero in brackets,
         * nine to eleven digits, no group shorter than three after it. */
        for (int k = 1; k < p->count; k++)
            if (p->word[k] || n[k] < 3)
                return 0;
        return p->count >= 2 && digits >= 9 && digits <= 11;
    }
    if (sep == '(')
        return p->count >= 3 && n[0] == 3 && n[1] == 3 && n[2] == 4;
    if (sep == '.')
        return p->count == 3 && n[0] == 3 && n[1] == 3 && n[2] == 4;
    if (p->count >= 3 && n[0] == 3 && n[1] == 3 && n[2] == 4)
        return 1; /* 555-123-4567, with an extension after it */
    if (p->count >= 3 && n[0] == 1 && n[1] == 3 && (p->word[2] || n[2] == 3))
        return 1; /* 1-800-555-1234, 1-800-FLOWERS */
    if (p->count == 3 && n[0] == 3 && n[1] == 2 && n[2] == 4)
        return 1; /* 111-11-1111 */
    return p->count == 2 && n[0] == 3 && n[1] == 4 && !p->word[1] && p->s[0][0] >= '2';
}

/* "Ethelred II (978-1016)": a seven-digit number in brackets whose two
 * groups are years a lifetime or a reign apart is a range of years, not a
 * telephone number. */
static int years_in_brackets(const norm *z, size_t i, const phone *p)
{
    if (p->count != 2 || p->n[0] != 3 || p->n[1] != 4 || !tok_punct(z, i - (i > 0), '(') ||
        !tok_punct(z, p->end, ')'))
        return 0;
    long a = crier_digits_value(p->s[0], 3), b = crier_digits_value(p->s[1], 4);
    return b < 2100 && b > a && b - a <= 120;
}

/* "123.123.0.40": four dotted groups of one to three digits. */
static size_t dotted_quad(norm *z, size_t i)
{
    const char *s = tok_text(z, i);
    size_t n = z->t[i].len, dots = 0, run = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '.') {
            if (run == 0 || run > 3)
                return 0;
            dots++;
            run = 0;
        } else if (s[k] < '0' || s[k] > '9' || ++run > 3) {
            return 0;
        }
    }
    if (dots != 3 || run == 0)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '.')
            crier_put_phrase(z, "dot", &w);
        else
            crier_say_digits(z, s + k, 1, &w);
    }
    return crier_emit_buf(z, &w, i, i + 1);
}

/* Dotted quads first ("123.123.0.40"), then the group shapes of
 * telephone numbers; the groups are read digit by digit with a pause
 * between them. */
/* "ISBN 978-0-300-01234-5", "PIN 12-34": after a word that introduces
 * a code (context-words.tsv, digits-after), groups of digits joined by
 * hyphens are read digit by digit, with a pause between groups; a final
 * check letter ("X") is spelled. */
static size_t code_groups(norm *z, size_t i)
{
    size_t p = crier_prev_word(z, i), j = i;
    if (p == (size_t)-1 || !tok_is(z, p, TK_WORD) || !(crier_tok_ctx(z, p) & CRIER_CTX_DIGITS_AFTER) ||
        !crier_tok_dash(z, i + 1) || !tok_glued(z, i + 1) || !tok_glued(z, i + 2))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    for (int g = 0; g < 8; g++) {
        if (tok_is(z, j, TK_NUM) && all_digits(tok_text(z, j), z->t[j].len))
            crier_say_digits(z, tok_text(z, j), z->t[j].len, &w);
        else if (g > 0 && tok_is(z, j, TK_WORD) && z->t[j].len == 1)
            crier_spell(tok_text(z, j), 1, &w);
        else
            break;
        j++;
        if (!crier_tok_dash(z, j) || !tok_glued(z, j) || !tok_glued(z, j + 1) ||
            !(tok_is(z, j + 1, TK_NUM) || tok_is(z, j + 1, TK_WORD)))
            break;
        crier_buf_putc(&w, ',');
        j++;
    }
    if (j < i + 3 || !w.ptr) {
        crier_buf_free(&w);
        return 0;
    }
    return crier_emit_buf(z, &w, i, j);
}

/* "x104" or "x 104" after a telephone number: its extension, read digit
 * by digit. Returns the tokens used, from `at`. */
static size_t extension(const norm *z, size_t at, crier_buf *w)
{
    size_t x = tok_is(z, at, TK_SPACE) && z->t[at].len == 1 ? at + 1 : at;
    if (!tok_is(z, x, TK_WORD) || !crier_tok_eq(z, x, "x"))
        return 0;
    size_t d = tok_is(z, x + 1, TK_SPACE) && z->t[x + 1].len == 1 ? x + 2 : x + 1;
    if (!tok_is(z, d, TK_NUM) || z->t[d].len > 6 || (tok_is(z, d + 1, TK_WORD) && tok_glued(z, d + 1)))
        return 0;
    const char *s = tok_text(z, d);
    for (size_t k = 0; k < z->t[d].len; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    crier_put_phrase(z, "extension", w);
    crier_say_digits(z, s, z->t[d].len, w);
    return d + 1 - at;
}

size_t crier_cls_phone(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) && !tok_punct(z, i, '+') && !tok_punct(z, i, '('))
        return 0;
    if (i > 0 && tok_glued(z, i) && (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM))
        return 0;
    if (tok_is(z, i, TK_NUM)) {
        size_t q = dotted_quad(z, i);
        if (q)
            return q;
    }
    phone p;
    int sep = phone_groups(z, i, &p);
    if (!sep || !phone_shape(&p, sep) || years_in_brackets(z, i, &p))
        return tok_is(z, i, TK_NUM) ? code_groups(z, i) : 0;
    /* A longer run of digits glued after the number: not a telephone. */
    if (tok_is(z, p.end, TK_NUM) || (tok_glued(z, p.end) && tok_is(z, p.end, TK_WORD)))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    if (p.plus)
        crier_put_phrase(z, "plus", &w);
    for (int k = 0; k < p.count; k++) {
        if (k)
            crier_buf_putc(&w, ',');
        if (p.word[k])
            crier_say_caps(z, p.s[k], p.n[k], 0, &w);
        else if (!p.plus && k == 1 && p.n[0] == 1 && p.n[k] == 3 && p.s[k][1] == '0' &&
                 p.s[k][2] == '0')
            crier_say_cardinal(z, p.s[k], 3, &w); /* 1-800: "eight hundred" */
        else
            crier_say_digits(z, p.s[k], p.n[k], &w);
    }
    return crier_emit_buf(z, &w, i, p.end + extension(z, p.end, &w));
}

/* ==== Alphanumeric codes ================================================= */

/* Appends a digit group of a code: numbers up to two digits, pairs for
 * three after letters ("A320", "one twenty-three") and for four before
 * them ("1080p" "ten eighty p"), round thousands as numbers, else
 * digits. */
static void say_code_digits(const norm *z, const char *s, size_t n, int after_letters,
                            crier_buf *w)
{
    if (n > 1 && s[0] == '0')
        crier_say_digits(z, s, n, w);
    else if (n <= 2 || (n == 3 && !after_letters))
        crier_say_cardinal(z, s, n, w);
    else if (n == 3)
        crier_say_year(z, s, n, w);
    else if (n == 4 && ((s[2] == '0' && s[3] == '0') || !after_letters))
        crier_say_year(z, s, n, w);
    else
        crier_say_digits(z, s, n, w);
}

/* True when token i starts a code: a word or a number not glued to a
 * word or number before it. */
static int code_start(const norm *z, size_t i)
{
    if (!tok_is(z, i, TK_WORD) && !tok_is(z, i, TK_NUM))
        return 0;
    return !(i > 0 && tok_glued(z, i) &&
             (z->t[i - 1].kind == TK_WORD || z->t[i - 1].kind == TK_NUM ||
              tok_punct(z, i - 1, '.')));
}

/* "401(k)": a number and a letter in brackets, a plan or a clause. */
static size_t bracket_letter(norm *z, size_t i)
{
    if (!tok_is(z, i, TK_NUM) || !tok_punct(z, i + 1, '(') || !tok_glued(z, i + 1) ||
        !tok_is(z, i + 2, TK_WORD) || z->t[i + 2].len != 1 || !tok_punct(z, i + 3, ')') ||
        !all_digits(tok_text(z, i), z->t[i].len))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    say_code_digits(z, tok_text(z, i), z->t[i].len, 1, &w);
    crier_spell(tok_text(z, i + 2), 1, &w);
    return crier_emit_buf(z, &w, i, i + 4);
}

/* "BA.2", "XBB.1.5", "JN.1": a variant's or a lineage's name, a few
 * capitals and a number after a dot, "B A point two". The dot is no
 * full stop. */
static size_t dotted_lineage(norm *z, size_t i)
{
    numx x;
    const tok *t = &z->t[i];
    if (!tok_is(z, i, TK_WORD) || !(t->flags & TF_UPPER) || (t->flags & TF_DOTS) || t->len > 4 ||
        !tok_punct(z, i + 1, '.') || !tok_glued(z, i + 1) || !tok_is(z, i + 2, TK_NUM) ||
        !tok_glued(z, i + 2) || z->t[i + 2].len > 6 || !crier_num_parse(z, i + 2, &x) ||
        x.neg || (tok_glued(z, x.end) && (tok_is(z, x.end, TK_WORD) || tok_is(z, x.end, TK_NUM))))
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_say_caps(z, tok_text(z, i), t->len, 0, &w);
    crier_put_number_word(z, ".", 1, &w);
    crier_say_num(z, &x, &w);
    return crier_emit_buf(z, &w, i, x.end);
}

/* "S03E04", "s1e10": a television episode's code, "season three
 * episode four". Tokens i..i+3 are glued letters and digits. */
static int season_episode(norm *z, size_t i)
{
    if (z->t[i].len != 1 || (tok_text(z, i)[0] | 0x20) != 's' || z->t[i + 1].len > 2 ||
        z->t[i + 2].len != 1 || (tok_text(z, i + 2)[0] | 0x20) != 'e' || z->t[i + 3].len > 3 ||
        z->t[i + 1].kind != TK_NUM || z->t[i + 3].kind != TK_NUM)
        return 0;
    crier_buf w = CRIER_BUF_INIT;
    crier_put_phrase(z, "season", &w);
    crier_say_cardinal(z, tok_text(z, i + 1), z->t[i + 1].len, &w);
    crier_put_phrase(z, "episode", &w);
    crier_say_cardinal(z, tok_text(z, i + 3), z->t[i + 3].len, &w);
    crier_emit_buf(z, &w, i, i + 4);
    return 1;
}

/* A run of letters and digits glued together, at most NORM_LOOK tokens
 * (a longer run is not a code), read part by part. */
size_t crier_cls_serial(norm *z, size_t i)
{
    if (!code_start(z, i))
        return 0;
    size_t b = bracket_letter(z, i);
    if (!b)
        b = dotted_lineage(z, i);
    if (b)
        return b;
    size_t j = i, words = 0, nums = 0;
    while (j < z->n && j < i + NORM_LOOK && (tok_is(z, j, TK_WORD) || tok_is(z, j, TK_NUM)) &&
           (j == i || tok_glued(z, j))) {
        if (z->t[j].kind == TK_WORD)
            words++;
        else if (!all_digits(tok_text(z, j), z->t[j].len))
            return 0;
        else
            nums++;
        j++;
    }
    if (!words || !nums || (tok_is(z, j, TK_WORD) || tok_is(z, j, TK_NUM)))
        return 0;
    if (j == i + 4 && season_episode(z, i))
        return j - i;
    /* "21st", "11th's" and "1990s" belong to the number and date rules. */
    int poss;
    if (j == i + 2 && z->t[i].kind == TK_NUM &&
        (crier_suffix_at(z, i + 1, NULL, &poss) || crier_tok_eq(z, i + 1, "s") ||
         crier_tok_eq(z, i + 1, "ers") || crier_tok_eq(z, i + 1, "d") ||
         crier_tok_eq(z, i + 1, "x")))
        return 0;
    /* "2tn", "40mln": an amount with its scale, read by numbers.c. */
    if (j == i + 2 && z->t[i].kind == TK_NUM &&
        ((z->t[i + 1].len >= 2 && crier_tok_find(z, CRIER_TAB_SCALES, i + 1)) ||
         crier_scale_before_noun(z, i + 1)))
        return 0; /* "3m copies" too */
    crier_buf w = CRIER_BUF_INIT;
    /* "FY2023": a word that brings a year (context-words.tsv), glued to
     * one, "F Y twenty twenty-three". */
    if (j == i + 2 && z->t[i].kind == TK_WORD && (crier_tok_ctx(z, i) & CRIER_CTX_YEAR_BEFORE) &&
        z->t[i + 1].len == 4 && crier_digits_value(tok_text(z, i + 1), 4) >= 1900 &&
        crier_digits_value(tok_text(z, i + 1), 4) < 2100) {
        crier_say_caps(z, tok_text(z, i), z->t[i].len, 0, &w);
        crier_say_year(z, tok_text(z, i + 1), 4, &w);
        return crier_emit_buf(z, &w, i, j);
    }
    size_t dims = 0;
    for (size_t k = i; k < j; k++) {
        const char *s = tok_text(z, k);
        size_t n = z->t[k].len;
        if (z->t[k].kind == TK_NUM && k == i && n == 3 && j == i + 2 && z->t[i + 1].len == 1 &&
            (z->t[i + 1].flags & TF_LOWER) && s[0] != '0') {
            crier_say_year(z, s, n, &w); /* "720p" "seven twenty p", as "1080p" */
        } else if (z->t[k].kind == TK_NUM) {
            say_code_digits(z, s, n, k > i, &w);
        } else if (n == 1 && (s[0] == 'x' || s[0] == 'X') && k > i && k + 1 < j &&
                   (s[0] == 'x' || k + 2 == j)) {
            crier_put_phrase(z, "by", &w); /* "4x4"; but "9800X3D" is a name */
            dims++;
        } else if (z->t[k].flags & (TF_UPPER | TF_CAP)) {
            /* acronyms.tsv first: "COP28" is "cop twenty-eight" */
            if ((n <= 3 || !crier_pronounceable(z, s, n)) &&
                !crier_lex_find(z->lex, CRIER_TAB_ACRONYMS, s, n))
                crier_spell(s, n, &w);
            else
                crier_say_caps(z, s, n, 0, &w);
        } else {
            crier_put_word(&w, "");
            crier_buf_put(&w, s, n);
        }
    }
    /* "2x8 m2": dimensions in figures, then their unit (plural). */
    if (dims && words == dims && tok_is(z, j, TK_SPACE) && z->t[j].len == 1) {
        crier_buf u = CRIER_BUF_INIT;
        size_t used = crier_unit_parse(z, j + 1, 1, 0, 0, &u);
        if (used && u.ptr) {
            crier_put_word(&w, u.ptr);
            j += 1 + used;
        }
        crier_buf_free(&u);
    }
    return crier_emit_buf(z, &w, i, j);
}
