/* textdate.c -- which lines of a text dump are dates, in English and in
 * other languages' shapes (see crier_dump_date_like()), and
 * what a text dump's date line keeps as the dateline: not
 * a count printed after the year, nor the social links after it, nor a
 * second, later date after an update word (see crier_dump_add_dateline()),
 * and not the other parts of a line printed in parts.
 *
 * A page prints its date among other facts about the story, in parts
 * set apart by a "|", a "·", a "•" or a "/" between spaces: "Jo Lee |
 * March 5, 2018 | 4 min read", "Share this article · March 5, 2018",
 * "March 5, 2018 / 3:42 PM /". The dateline is the run of parts from the
 * first one with a number to the last one with a number that is not a
 * reading time: a leading label ("Share this article") and a trailing
 * reading time ("4 min read", boilerplate.tsv "reading") are not said. A
 * person's name in front of the date is the byline, when the page has
 * none yet.
 *
 * A reading time can also be glued to the date's day, where the page hid
 * the space between two blocks: "on Mar 2714 min" is March 27 and a
 * fourteen-minute read. After a month's name, a number of three or four
 * digits before a reading word is a day (the first two digits when they
 * make one, else the first) and the minutes. */
#include "doc.h"
#include "internal.h"
#include "textdump.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

enum { MAX_PARTS = 8, MAX_BYTES = 300 };

/* Length of the separator at s[i..]: a "|", "·", "•" or "/" between
 * single spaces, with the spaces; 0 when there is none. */
static size_t separator_at(const char *s, size_t n, size_t i)
{
    if (s[i] != ' ' || i + 2 >= n)
        return 0;
    size_t k = s[i + 1] == '|' || s[i + 1] == '/'             ? 1
               : !memcmp(s + i + 1, "\xC2\xB7", 2)            ? 2 /* middle dot */
               : i + 4 < n && !memcmp(s + i + 1, "\xE2\x80\xA2", 3) ? 3 /* bullet */
                                                              : 0;
    return k && i + 1 + k < n && s[i + 1 + k] == ' ' ? k + 2 : 0;
}

/* True when s[0..n) has a digit. */
static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)s[i]))
            return 1;
    return 0;
}

/* True when s[0..n) is a reading word of boilerplate.tsv ("min read"). */
static int reading_word(const crier_lexicon *lex, const char *s, size_t n)
{
    const crier_lex_row *r = n ? crier_lex_find(lex, CRIER_TAB_BOILERPLATE, s, n) : NULL;
    return r && strcmp(r->cols[1], "reading") == 0;
}

/* Where a reading time that ends s[0..n) starts ("... 4 min read"), the
 * number after a space or at the start, or n when there is none. */
static size_t reading_at(const crier_lexicon *lex, const char *s, size_t n)
{
    /* the reading word is the rest of the text after the number */
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i && s[i - 1] != ' '))
            continue;
        size_t k = i;
        while (k < n && isdigit((unsigned char)s[k]))
            k++;
        size_t w = k < n && s[k] == ' ' ? k + 1 : k;
        if (k - i <= 3 && reading_word(lex, s + w, n - w))
            return i;
    }
    return n;
}

/* A day glued to a reading time's number after a month's name ("Mar
 * 2714 min"): the end of the day, or n when the text is not that. */
static size_t glued_day(const crier_lexicon *lex, const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || s[i - 1] != ' ')
            continue;
        size_t k = i, m = i - 1;
        while (k < n && isdigit((unsigned char)s[k]))
            k++;
        while (m && isalpha((unsigned char)s[m - 1]))
            m--;
        size_t w = k < n && s[k] == ' ' ? k + 1 : k;
        if (k - i < 3 || k - i > 4 || !reading_word(lex, s + w, n - w) ||
            !crier_lex_find(lex, CRIER_TAB_MONTHS, s + m, i - 1 - m))
            return n;
        int two = (s[i] - '0') * 10 + s[i + 1] - '0';
        return two >= 1 && two <= 31 ? i + 2 : i + 1;
    }
    return n;
}

/* True when the part s[0..n) is said in the dateline: it has a number,
 * and it is not a reading time. */
static int dated_part(const crier_lexicon *lex, const char *s, size_t n)
{
    return has_digit(s, n) && reading_at(lex, s, n) > 0;
}

/* Length of s[0..n) without the spaces, commas and separators that end
 * it ("March 5, 2018 / 3:42 PM /"). */
static size_t trim_end(const char *s, size_t n)
{
    for (;;) {
        if (n && strchr(" ,|/", s[n - 1]))
            n--;
        else if (n >= 2 && !memcmp(s + n - 2, "\xC2\xB7", 2))
            n -= 2;
        else if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA2", 3))
            n -= 3;
        else
            return n;
    }
}

/* See textdump.h. */
size_t crier_dump_date_span(dump *d, const char *s, size_t *n)
{
    size_t at[MAX_PARTS], end[MAX_PARTS], parts = 0, len = *n;
    if (len > MAX_BYTES)
        return 0;
    at[0] = 0;
    for (size_t i = 0; i < len && parts < MAX_PARTS - 1; i++) {
        size_t k = separator_at(s, len, i);
        if (k) {
            end[parts] = i;
            at[++parts] = i + k;
            i += k - 1;
        }
    }
    end[parts++] = len;
    /* the last part without a reading time glued to its day or after it */
    size_t last = parts - 1, glued = glued_day(d->lex, s + at[last], len - at[last]);
    size_t r = reading_at(d->lex, s + at[last], len - at[last]);
    if (glued < len - at[last])
        end[last] = at[last] + glued;
    else if (r > 0 && r < len - at[last])
        end[last] = at[last] + r;
    size_t first = 0, stop = parts;
    while (first < parts && !dated_part(d->lex, s + at[first], end[first] - at[first]))
        first++;
    while (stop > first && !dated_part(d->lex, s + at[stop - 1], end[stop - 1] - at[stop - 1]))
        stop--;
    if (first == parts)
        return 0; /* no date in it after all: the line as it is */
    if (first == 1 && !d->doc->byline) { /* "Jo Lee | March 5, 2018" */
        line name = {s, end[0], 0, 0, 0, 0, 0};
        size_t rest;
        crier_dump_count_words(&name);
        name.n = crier_dump_name_len(d->lex, &name, &rest); /* "Jo Lee, Staff Writer" */
        if (name.n)
            crier_dump_add_byline(d, &name);
    }
    *n = trim_end(s + at[first], end[stop - 1] - at[first]);
    return at[first];
}

/* ==== Date lines ========================================================= */

/* True for a word of three to ten bytes in lower case (ASCII letters, or
 * any non-ASCII character): "novembre", "févr". */
static int lower_word(const char *s, size_t n)
{
    if (n < 3 || n > 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
            return 0;
    return 1;
}

/* True for a word of two to ten bytes with a capital first letter and
 * the rest in lower case (or not ASCII): "März", "Mai". */
static int capital_word(const char *s, size_t n)
{
    if (n < 2 || n > 10 || !isupper((unsigned char)s[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!islower((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
            return 0;
    return 1;
}

/* Length of the mark after a date's year, month or day in Chinese,
 * Japanese or Korean (byline.tsv "mark": "年", "월") at s[i..n), with the
 * space a Korean page puts after it; 0 when there is none. */
static size_t date_mark(const crier_lexicon *lex, const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i < n ? i : 0];
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (i >= n || !k || i + k > n)
        return 0;
    const crier_lex_row *r = crier_lex_find(lex, CRIER_TAB_BYLINE, s + i, k);
    if (!r || !(r->flags & CRIER_BYLINE_MARK))
        return 0;
    return i + k < n && s[i + k] == ' ' ? k + 1 : k;
}

/* True when s[0..n) has a year, a month and a day, each a number with
 * its mark after it: "2018年3月5日", "2018년 3월 5일". */
static int marked_date(const crier_lexicon *lex, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i && isdigit((unsigned char)s[i - 1])))
            continue;
        size_t k = i, parts = 0;
        for (; parts < 3; parts++) {
            size_t d = k;
            while (k < n && isdigit((unsigned char)s[k]))
                k++;
            size_t mark = date_mark(lex, s, n, k);
            if (k - d < 1 || k - d > (parts ? 2u : 4u) || (parts == 0 && k - d != 4) || !mark)
                break;
            k += mark;
        }
        if (parts == 3)
            return 1;
    }
    return 0;
}

/* True when s[w..n) starts with a day, a month and a two-digit year in
 * numbers ("9/11/13", "11.3.17"), the day and the month in either order,
 * and the line says nothing after it but a clock time ("9/11/13
 * 10:00AM"): a page prints such a stamp as its date line, where a
 * version number or a score would not stand alone. */
static int short_numeric_date(const char *s, size_t n, size_t w)
{
    unsigned v[3] = {0, 0, 0}, len[3] = {0, 0, 0};
    size_t k = w;
    char sep = 0;
    for (int p = 0; p < 3; p++) {
        if (p) {
            if (k >= n || !strchr("/.-", s[k]) || (sep && s[k] != sep))
                return 0;
            sep = s[k++];
        }
        while (k < n && isdigit((unsigned char)s[k]) && len[p] < 3)
            v[p] = v[p] * 10 + (unsigned)(s[k++] - '0'), len[p]++;
    }
    if (len[0] < 1 || len[0] > 2 || len[1] < 1 || len[1] > 2 || len[2] != 2 || v[0] < 1 ||
        v[1] < 1 || v[0] > 31 || v[1] > 31 || (v[0] > 12 && v[1] > 12))
        return 0;
    if (k < n && (isalnum((unsigned char)s[k]) || strchr("/.-", s[k])))
        return 0; /* "9/11/134", "1.2.13.4" */
    while (k < n && s[k] == ' ')
        k++;
    return k == n || crier_dump_clock_at(s, n, k);
}

/* A date line: short, with a month name next to a number ("Feb. 21,
 * 2019", "Thu 3 Jan 2019 02.00 EST", "Yahoo FinanceOctober 13, 2016"
 * where a page glued a label to it), a day, a word and a year ("24
 * novembre 2017", "5. März 2018"), a numeric date ("2019-02-21",
 * "21/12/2018", "9/11/13 10:00AM"), or a date with marks ("2018年3月5日"). */
int crier_dump_date_like(const crier_lexicon *lex, const line *l)
{
    enum { SHORT = 14, LONG = 24, HEAD = 8 }; /* words */
    size_t n = l->n;
    if (l->words > SHORT) {
        /* A longer line may start with the date and go on with the time
         * it was updated ("Thu 3 Jan 2019 02.00 EST Last modified on
         * ..."): its first words are looked at, when it is not a
         * sentence. */
        if (l->words > LONG || crier_dump_ends_sentence(l->s, l->n))
            return 0;
        n = 0;
        for (unsigned w = 0; n < l->n && w < HEAD; w++) {
            while (n < l->n && l->s[n] == ' ')
                n++;
            while (n < l->n && l->s[n] != ' ')
                n++;
        }
    }
    if (n > 120)
        return 0;
    if (marked_date(lex, l->s, n))
        return 1;
    int prev_number = 0, prev_month = 0, day = 0, day_word = 0, day_dot = 0, label = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalnum((unsigned char)l->s[i]) && (unsigned char)l->s[i] < 0x80)
            i++;
        size_t w = i, digits = 0;
        while (i < n && (isalnum((unsigned char)l->s[i]) || (unsigned char)l->s[i] >= 0x80))
            digits += isdigit((unsigned char)l->s[i++]) != 0;
        if (i == w)
            continue;
        /* "21", "21st", "2019" */
        int number = digits && digits <= 4 && (digits == i - w || (digits <= 2 && i - w <= digits + 2));
        int month = !number && crier_lex_find(lex, CRIER_TAB_MONTHS, l->s + w, i - w) != NULL;
        for (size_t k = w + 1; !number && !month && k < i; k++) /* glued: "FinanceOctober" */
            if (isupper((unsigned char)l->s[k]) && islower((unsigned char)l->s[k - 1]))
                month = crier_lex_find(lex, CRIER_TAB_MONTHS, l->s + k, i - k) != NULL;
        if ((month && prev_number) || (number && prev_month))
            return 1;
        /* A day, a word in lower case and a year: a month in another
         * language ("24 novembre 2017", "21.dez.2018"). */
        int year = digits == 4 && i - w == 4 && (l->s[w] == '1' || l->s[w] == '2') &&
                   (l->s[w + 1] == '9' || l->s[w + 1] == '0');
        if (year && day_word)
            return 1;
        /* "5 de marzo de 2018": a joiner of byline.tsv between the parts
         * keeps them together. */
        const crier_lex_row *joiner = crier_lex_find(lex, CRIER_TAB_BYLINE, l->s + w, i - w);
        if ((day || day_word) && joiner && (joiner->flags & CRIER_BYLINE_JOINER))
            continue;
        /* a German day ends with a dot, and its month has a capital */
        day_word = day && (lower_word(l->s + w, i - w) || (day_dot && capital_word(l->s + w, i - w)));
        day_dot = i < n && l->s[i] == '.' && (i + 1 == n || l->s[i + 1] == ' ') && !label;
        /* "Section 5. Since 2018" is a label's number, not a day */
        label = capital_word(l->s + w, i - w) && (i == n || l->s[i] != ',');
        int value = digits == 1 ? l->s[w] - '0' : digits == 2 ? (l->s[w] - '0') * 10 + l->s[w + 1] - '0' : 0;
        day = digits == i - w && value >= 1 && value <= 31;
        /* 2019-02-21, 21/12/2018, 21.12.2018 */
        if (digits == i - w && i + 1 < n && strchr("-/.", l->s[i]) &&
            isdigit((unsigned char)l->s[i + 1])) {
            size_t k = i + 1, parts = 1;
            while (k < n && (isdigit((unsigned char)l->s[k]) || l->s[k] == l->s[i]))
                parts += l->s[k++] == l->s[i];
            if (parts == 2 && (k - w >= 8 || short_numeric_date(l->s, n, w)))
                return 1;
        }
        prev_number = number;
        prev_month = month;
    }
    return 0;
}

/* See textdump.h. The year ends the line, or comes before a comma or a
 * time ("5. März 2018, 14:02"), so that an item of a numbered list that
 * names a place and a year ("3. Paris 2024 Olympics") stays an item. */
int crier_dump_dotted_date(const char *s, size_t n)
{
    size_t d = 0, k;
    while (d < n && d < 3 && isdigit((unsigned char)s[d]))
        d++;
    if (d < 1 || d > 2 || d + 2 >= n || s[d] != '.' || s[d + 1] != ' ' ||
        !isupper((unsigned char)s[d + 2]))
        return 0;
    for (k = d + 3; k < n && s[k] != ' '; k++)
        if (!islower((unsigned char)s[k]) && (unsigned char)s[k] < 0x80)
            return 0;
    if (k + 5 > n || (s[k + 1] != '1' && s[k + 1] != '2'))
        return 0;
    for (size_t y = k + 1; y < k + 5; y++)
        if (!isdigit((unsigned char)s[y]))
            return 0;
    k += 5;
    return k == n || s[k] == ',' || (s[k] == ' ' && k + 1 < n && isdigit((unsigned char)s[k + 1]));
}

/* ==== Adding the dateline ================================================ */

/* True when a and b say the same letters and digits ("22 Dec, 2016" and
 * "22 Dec 2016"), whatever the punctuation and the spaces. */
static int same_alnum(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && !isalnum((unsigned char)a[i]))
            i++;
        while (j < bn && !isalnum((unsigned char)b[j]))
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (tolower((unsigned char)a[i++]) != tolower((unsigned char)b[j++]))
            return 0;
    }
}

/* Length of a date without the count that a page printed after its year
 * (of comments or shares): "March 9, 2017 13" and "22 Dec 2016651" end
 * with the year. A time after the year ("2017 at 6:01") stays. */
static size_t date_end(const char *s, size_t n)
{
    size_t k = n;
    while (k && (isdigit((unsigned char)s[k - 1]) || s[k - 1] == ' '))
        k--;
    /* s[k..n) is digits and spaces: find a year at its start. */
    while (k < n && s[k] == ' ')
        k++;
    if (k + 4 < n && (k == 0 || !isdigit((unsigned char)s[k - 1])) &&
        (!strncmp(s + k, "19", 2) || !strncmp(s + k, "20", 2)) && isdigit((unsigned char)s[k + 2]) &&
        isdigit((unsigned char)s[k + 3]))
        return k + 4;
    return n;
}

/* Length of a date line without the social links a page printed after it:
 * "March 18 at 12:22 PM Follow @jdoe" ends before the handle, and before
 * a byline noise word left in front of it ("Follow", byline.tsv). */
static size_t social_end(const crier_lexicon *lex, const char *s, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++)
        if (s[i] == '@' && s[i - 1] == ' ' && isalnum((unsigned char)s[i + 1])) {
            n = i;
            break;
        }
    while (n && s[n - 1] == ' ')
        n--;
    size_t w = n;
    while (w && s[w - 1] != ' ')
        w--;
    const crier_lex_row *r = w ? crier_lex_find(lex, CRIER_TAB_BYLINE, s + w, n - w) : NULL;
    if (r && (r->flags & CRIER_BYLINE_NOISE))
        for (n = w; n && s[n - 1] == ' ';)
            n--;
    return n;
}

/* Length of a date line without a second, later date that an "update"
 * word of byline.tsv starts ("... Last modified on Wed 16 Jan 2019"): the
 * dateline is when the story was published. When no number comes before
 * the word ("Last updated September 14, 2016"), the update's date is the
 * only one, and the line is kept whole. */
static size_t update_end(const crier_lexicon *lex, const char *s, size_t n)
{
    size_t count = crier_lex_count(lex, CRIER_TAB_BYLINE);
    int number = 0;
    for (size_t i = 1; i < n; i++) {
        number |= isdigit((unsigned char)s[i - 1]) != 0;
        if (s[i - 1] != ' ' || !number)
            continue;
        for (size_t r = 0; r < count; r++) {
            const crier_lex_row *row = crier_lex_at(lex, CRIER_TAB_BYLINE, r);
            size_t k = strlen(row->cols[0]);
            if ((row->flags & CRIER_BYLINE_UPDATE) && k < n - i &&
                strncasecmp(s + i, row->cols[0], k) == 0 && s[i + k] == ' ') {
                while (i && s[i - 1] == ' ')
                    i--;
                return i;
            }
        }
    }
    return n;
}

/* See textdump.h. */
void crier_dump_add_dateline(dump *d, const char *s, size_t n)
{
    n = date_end(s, update_end(d->lex, s, social_end(d->lex, s, n)));
    s += crier_dump_date_span(d, s, &n);
    for (size_t i = 0; i < d->doc->n; i++) {
        const crier_segment *g = &d->doc->segs[i];
        if (g->kind == CRIER_KIND_DATELINE && same_alnum(g->text, strlen(g->text), s, n))
            return;
    }
    crier_dump_add(d, CRIER_KIND_DATELINE, s, n);
}

/* ==== The end of a byline before its date ================================= */

/* True when s[0..n) is a short word in lower case ("on", "at"). */
static int small_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]))
            return 0;
    return n > 0 && n <= 4;
}

/* See textdump.h. */
size_t crier_dump_byline_tail(const crier_lexicon *lex, const char *s, size_t n, int cut)
{
    size_t prefix = crier_byline_prefix(lex, s, n), count = crier_lex_count(lex, CRIER_TAB_BYLINE);
    for (size_t i = prefix + 1; i < n; i++) {
        if (s[i - 1] != ' ')
            continue;
        for (size_t r = 0; r < count; r++) {
            const crier_lex_row *row = crier_lex_at(lex, CRIER_TAB_BYLINE, r);
            size_t k = strlen(row->cols[0]);
            if ((row->flags & (CRIER_BYLINE_UPDATE | CRIER_BYLINE_STAMP)) && k <= n - i &&
                strncasecmp(s + i, row->cols[0], k) == 0 && (k == n - i || s[i + k] == ' ')) {
                n = i;
                cut = 1;
                break;
            }
        }
    }
    for (unsigned words = 0; cut && words < 2; words++) {
        while (n > prefix && s[n - 1] == ' ')
            n--;
        size_t w = n;
        while (w > prefix && s[w - 1] != ' ')
            w--;
        if (w <= prefix || !small_word(s + w, n - w))
            break;
        n = w;
    }
    while (n > prefix && s[n - 1] == ' ')
        n--;
    return n;
}

/* ==== A date away from the headline ======================================= */

/* True when the doc has a dateline. */
static int has_dateline(const crier_doc *doc)
{
    for (size_t i = 0; i < doc->n; i++)
        if (doc->segs[i].kind == CRIER_KIND_DATELINE)
            return 1;
    return 0;
}

/* True when line i is a date among the NEAR lines of text above the
 * headline, with no other date or time stamp above it among as many
 * lines (a list of other stories, each with its date, is not). */
static int date_over(const dump *d, size_t i, unsigned near)
{
    if (!(d->v[i].flags & L_DATE) || (d->v[i].flags & (L_RECORD | L_BULLET | L_SENTENCE)))
        return 0;
    for (size_t k = i, m = 0; m < near; m++) {
        size_t p = crier_dump_prev(d, k);
        if (p == k)
            break;
        if (d->v[p].flags & (L_DATE | L_STAMP))
            return 0;
        k = p;
    }
    return 1;
}

/* See textdump.h. */
void crier_dump_outer_date(dump *d, size_t h, size_t b)
{
    enum { NEAR = 3 }; /* lines of text */
    if (has_dateline(d->doc))
        return;
    for (size_t k = h, m = 0; h < d->n && m < NEAR; m++) {
        size_t p = crier_dump_prev(d, k);
        if (p == k)
            break;
        if (date_over(d, p, NEAR)) {
            crier_dump_add_dateline(d, d->v[p].s, d->v[p].n);
            return;
        }
        if (d->v[p].flags & L_DATE)
            break; /* the last of a list of dated items */
        k = p;
    }
    for (size_t k = crier_dump_next(d, b), m = 0; k < d->n && m < NEAR; k = crier_dump_next(d, k), m++) {
        const line *l = &d->v[k];
        if (l->flags & (L_RECORD | L_GALLERY | L_BULLET))
            return;
        if ((l->flags & (L_DATE | L_SENTENCE)) == L_DATE) { /* a reference's date ends a sentence */
            crier_dump_add_dateline(d, l->s, l->n);
            return;
        }
        if (l->flags & L_END)
            return;
    }
}
