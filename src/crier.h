/* crier.h -- the public interface of libcrier, and its manual.
 *
 * crier turns news articles (the HTML of a page, or the plain text a browser
 * or a text browser gives for it) into audio that sounds as if an editor had
 * prepared it. The library is a pipeline of stages; each stage has a call
 * here and a text dump, so that every step can be inspected and tested:
 *
 *   bytes --crier_text_clean--> clean UTF-8 (NFC)
 *         --crier_parse------> crier_doc: segments in listening order
 *         --crier_normalize--> spoken text, with a map back to the source
 *         --crier_speak------> an audio file (WAV, FLAC, Ogg Vorbis, Opus,
 *                              MP3) at podcast loudness, with captions
 *                              (WebVTT, SRT) and chapters (JSON, ID3)
 *
 * Several articles and extra lines (an intro, "Next: ...") go into one
 * file with crier_speak_items(): that is the call a bulletin is built on.
 *
 * Conventions, the same for every call in this file:
 *
 *  - Fallible calls return a crier_status. CRIER_OK is zero. Results come
 *    back through out-parameters, which are left untouched on failure.
 *  - Every fallible call takes an optional `crier_error *err`. When it is not
 *    NULL and the call fails, it is filled with the status, a message, and
 *    the file and line the problem was found at (when they are known).
 *  - Ownership: a function that returns `char *` or fills a `char **` hands
 *    the memory to the caller, who releases it with crier_free(). Getters that
 *    return `const char *` lend memory owned by their object; it stays valid
 *    until that object is freed. Every `_new`/`_load` has a `_free`, and
 *    `_free(NULL)` does nothing.
 *  - Input buffers are (pointer, length) pairs and need not end in NUL.
 *  - The library never prints, never exits and never aborts on bad input.
 *  - Thread safety: everything except synthesis is reentrant, and a loaded
 *    crier_lexicon is immutable and may be shared between threads. Synthesis
 *    (crier_speak and friends) drives libespeak-ng, which keeps global state:
 *    call it from one thread per process. It runs each segment in a forked
 *    child, so that the audio of a segment never depends on what was spoken
 *    before it (see src/synth.c).
 */
#ifndef CRIER_H
#define CRIER_H

#include <stddef.h>
#include <signal.h>
#include <stdint.h>

#include "crier_export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ==== Version, status codes, errors, memory ============================== */

/* The library version as "MAJOR.MINOR.PATCH". Static storage. */
CRIER_EXPORT const char *crier_version(void);

typedef enum crier_status {
    CRIER_OK = 0,
    CRIER_ERR_NOMEM,     /* out of memory */
    CRIER_ERR_IO,        /* a file could not be read or written */
    CRIER_ERR_UTF8,      /* the input is not valid UTF-8 */
    CRIER_ERR_EMPTY,     /* nothing left to speak after extraction */
    CRIER_ERR_LEXICON,   /* a lexicon file is malformed */
    CRIER_ERR_VOICE,     /* a voice profile is missing or malformed */
    CRIER_ERR_SYNTH,     /* the speech engine failed */
    CRIER_ERR_AUDIO,     /* the audio encoder failed */
    CRIER_ERR_ARG,       /* a bad argument or option value */
    CRIER_ERR_INTERRUPTED, /* stopped by a signal; nothing was written */
    CRIER_ERR_MEDIA      /* a sound file to play (a sting) cannot be decoded
                            or is too long */
} crier_status;

/* A short English description of a status. Static storage. */
CRIER_EXPORT const char *crier_status_str(crier_status status);

/* Error details, owned by the caller. `file` is empty and `line` is 0 when
 * they are unknown. `offset` is a byte offset into the input, or -1. */
typedef struct crier_error {
    crier_status code;
    char file[256];
    long line;
    long offset;
    char msg[256];
} crier_error;

/* Releases memory that the library handed to the caller. */
CRIER_EXPORT void crier_free(void *ptr);

/* ==== Input: bytes to clean text ========================================= */

/* Validates UTF-8, drops a byte-order mark, unifies line endings to "\n"
 * and normalizes to NFC. On success *out is a NUL-terminated buffer the
 * caller frees with crier_free(), and *out_len its length.
 *
 * Invalid UTF-8 is an error, not something to repair: the call returns
 * CRIER_ERR_UTF8 with err->offset set to the byte offset of the first bad
 * sequence and err->line to its line. An article that is not text should
 * be reported, not read aloud as replacement characters.
 * `name` labels the input in error messages (a path, or "<stdin>"). */
CRIER_EXPORT crier_status crier_text_clean(const char *buf, size_t len, const char *name,
                                           char **out, size_t *out_len, crier_error *err);

/* ==== Lexicon: the language data under lexicon/<lang>/ =================== */

/* The normalizer's and segmenter's knowledge: abbreviations, acronyms,
 * months, units, page boilerplate, pronunciations and so on, loaded from
 * the TSV files of one language directory (see lexicon/README.md). */
typedef struct crier_lexicon crier_lexicon;

/* Loads every known table from `dir` (for example ".../lexicon/en"). A
 * malformed row fails the whole load with CRIER_ERR_LEXICON and err->file
 * and err->line naming it. The caller frees *out with crier_lexicon_free(). */
CRIER_EXPORT crier_status crier_lexicon_load(const char *dir, crier_lexicon **out,
                                             crier_error *err);

/* Adds the rows of one extra file on top of a loaded lexicon; a row whose
 * key already exists replaces the old one. The table is named by a
 * "# table: NAME" header line, or else by the file's base name
 * ("acronyms.tsv" is the acronyms table). Errors as crier_lexicon_load(). */
CRIER_EXPORT crier_status crier_lexicon_add_file(crier_lexicon *lex, const char *path,
                                                 crier_error *err);

CRIER_EXPORT void crier_lexicon_free(crier_lexicon *lex);

/* ==== Segmenter: clean text to an article in listening order ============= */

/* What a segment is, in the article. The names are the JSON names. */
typedef enum crier_kind {
    CRIER_KIND_HEADLINE,
    CRIER_KIND_STANDFIRST,
    CRIER_KIND_BYLINE,
    CRIER_KIND_DATELINE,
    CRIER_KIND_CAPTION,
    CRIER_KIND_CREDIT,
    CRIER_KIND_HEADING,
    CRIER_KIND_PARAGRAPH
} crier_kind;

/* "headline", "standfirst", ... Static storage. */
CRIER_EXPORT const char *crier_kind_name(crier_kind kind);

typedef enum crier_input {
    CRIER_INPUT_AUTO = 0, /* sniff: markup at the start means HTML */
    CRIER_INPUT_TEXT,     /* a plain-text dump of a page */
    CRIER_INPUT_HTML      /* the page's HTML */
} crier_input;

/* Where photo captions go in the listening order. */
typedef enum crier_captions {
    CRIER_CAPTIONS_END = 0, /* after the body, each introduced as a caption */
    CRIER_CAPTIONS_INLINE,  /* where they stand on the page */
    CRIER_CAPTIONS_SKIP     /* not at all */
} crier_captions;

typedef struct crier_parse_options {
    crier_input input;
    crier_captions captions;
} crier_parse_options;

/* Fills `opts` with the defaults: sniff the input kind, captions at end. */
CRIER_EXPORT void crier_parse_options_init(crier_parse_options *opts);

/* An article: its metadata and its segments in listening order. */
typedef struct crier_doc crier_doc;

/* Finds the article in clean text (see crier_text_clean) and orders it for
 * listening. `lex` supplies the boilerplate and credit knowledge. Returns
 * CRIER_ERR_EMPTY when no article text is left. The caller frees *out with
 * crier_doc_free(). */
CRIER_EXPORT crier_status crier_parse(const char *text, size_t len,
                                      const crier_parse_options *opts,
                                      const crier_lexicon *lex, crier_doc **out,
                                      crier_error *err);

CRIER_EXPORT void crier_doc_free(crier_doc *doc);

/* The article's title and byline, or NULL when unknown. Borrowed. */
CRIER_EXPORT const char *crier_doc_title(const crier_doc *doc);
CRIER_EXPORT const char *crier_doc_byline(const crier_doc *doc);

/* More metadata, when the page gives it (HTML metadata, mostly), or NULL.
 * Borrowed. The date of publication as "YYYY-MM-DD"; the site's name;
 * the language tag of the page ("en", "fr-FR"); the page's own one- or
 * two-sentence summary. */
CRIER_EXPORT const char *crier_doc_date(const crier_doc *doc);
CRIER_EXPORT const char *crier_doc_site(const crier_doc *doc);
CRIER_EXPORT const char *crier_doc_language(const crier_doc *doc);
CRIER_EXPORT const char *crier_doc_description(const crier_doc *doc);

/* The number of segments, and segment `i`'s kind and written text
 * (borrowed, NUL-terminated). `i` must be below the count. */
CRIER_EXPORT size_t crier_doc_count(const crier_doc *doc);
CRIER_EXPORT crier_kind crier_doc_kind(const crier_doc *doc, size_t i);
CRIER_EXPORT const char *crier_doc_text(const crier_doc *doc, size_t i);

typedef enum crier_render {
    CRIER_RENDER_JSON, /* {"title":..,"byline":..,"segments":[{"kind","text"}]} */
    CRIER_RENDER_TEXT  /* a readable listing, one "kind: text" block each */
} crier_render;

/* Renders the segments as text. The caller frees the result with
 * crier_free(); NULL means out of memory. */
CRIER_EXPORT char *crier_doc_render(const crier_doc *doc, crier_render how);

/* ==== Normalizer: written text to spoken text ============================ */

/* One spoken word, or one pause mark, and the source text it came from:
 * bytes [out_off, out_off+out_len) of the spoken text were produced from
 * bytes [src_off, src_off+src_len) of the written input. Several spoken
 * words may share one source span ("$5" gives "five" and "dollars"). */
typedef struct crier_span {
    size_t out_off, out_len;
    size_t src_off, src_len;
} crier_span;

/* The spoken form of a text. All fields are owned by the struct. */
typedef struct crier_spoken {
    char *text;          /* NUL-terminated spoken text */
    size_t len;
    crier_span *spans;   /* in output order */
    size_t nspans;
} crier_spoken;

/* Flags for crier_normalize(). */
enum {
    /* Emit eSpeak phoneme input ("[[...]]") for words that have an entry in
     * the pronunciations table. For synthesis only: a text dump wants words. */
    CRIER_NORM_PHONEMES = 1 << 0,
    /* British conventions (day/month order, spelling of units). */
    CRIER_NORM_GB = 1 << 1
};

/* Turns written text into the words a newsreader would say: numbers, dates,
 * money, abbreviations, acronyms and symbols are expanded from the rules
 * and the lexicon. Newlines in the input are kept as newlines in the output,
 * one for one. The caller frees *out with crier_spoken_free(). Fails only
 * when out of memory. */
CRIER_EXPORT crier_status crier_normalize(const crier_lexicon *lex, const char *text,
                                          size_t len, unsigned flags,
                                          crier_spoken **out, crier_error *err);

CRIER_EXPORT void crier_spoken_free(crier_spoken *spoken);

/* ==== Speaking: articles to an audio file =============================== */

/* Metadata written into the audio file. Every field may be NULL. In MP3
 * files crier writes its own ID3v2.4 tag in UTF-8; other formats carry
 * them as Vorbis comments (FLAC, Ogg) or LIST/INFO chunks (WAV). */
typedef struct crier_tags {
    const char *title;    /* default: the first article's headline */
    const char *artist;   /* default: its byline, else its publication */
    const char *album;    /* default: its publication */
    const char *date;     /* default: its date of publication (ISO 8601) */
    const char *comment;  /* default: none */
} crier_tags;

/* Options for crier_speak() and crier_speak_items(). Fill with
 * crier_speak_options_init(), then change fields. Strings and pointers are
 * borrowed for the duration of the call. */
typedef struct crier_speak_options {
    const char *data_dir;   /* holds voices/ (and lexicon/); required */
    const char *voice;      /* profile name ("us-news") or a path; NULL = default */
    int rate;               /* words per minute; 0 = from the profile */
    int pitch;              /* 0-100; -1 = from the profile */
    const char *format;     /* "wav", "flac", "ogg" (Vorbis), "opus", "mp3";
                               NULL = from the path's extension */
    unsigned norm_flags;    /* CRIER_NORM_* flags for the normalizer */
    double quality;         /* Ogg Vorbis only: 0 (smallest) to 1 (best);
                               negative = the format's default */
    /* Loudness. By default the audio is normalized to `loudness` LUFS
     * integrated (EBU R128 / ITU-R BS.1770) and a look-ahead true-peak
     * limiter keeps the decoded file at or below -1 dBTP, with headroom for
     * what the lossy codecs add. */
    double loudness;        /* target in LUFS, -40 to -5; default -16 */
    int no_loudness;        /* non-zero: leave the level as synthesized */
    int jobs;               /* worker processes; 0 = one per online CPU. The
                               output bytes never depend on this number. */
    int sample_rate;        /* output rate in Hz; 0 = the format's default
                               (MP3 44100, Opus 48000, others 22050) */
    int bitrate;            /* MP3 (CBR) and Opus, kbit/s; 0 = default
                               (MP3 96, Opus 48) */
    const char *captions_path; /* also write sentence captions: WebVTT when
                                  the name ends in .vtt, SubRip for .srt */
    const char *chapters_path; /* also write Podcasting 2.0 JSON chapters */
    const crier_tags *tags; /* overrides; NULL fields keep the defaults */
    /* Cancellation: when not NULL, the call polls *cancel (a few times per
     * second at least) and, once it is non-zero, stops its workers,
     * removes its temporary files and returns CRIER_ERR_INTERRUPTED. The
     * library installs no signal handlers: a program that wants Ctrl-C to
     * leave no partial output sets the flag from its own handler. */
    const volatile sig_atomic_t *cancel;
} crier_speak_options;

CRIER_EXPORT void crier_speak_options_init(crier_speak_options *opts);

/* A chapter of the output: from `start` to `end` seconds of the decoded
 * file. `title` is owned by the result. */
typedef struct crier_chapter {
    double start, end;
    char *title;
} crier_chapter;

/* What crier_speak() produced. Release with crier_speak_result_free(). */
typedef struct crier_speak_result {
    double seconds;         /* duration of the audio */
    int sample_rate;        /* of the output file */
    size_t segments;        /* segments spoken */
    double loudness;        /* LUFS integrated and true peak in dBTP, of the */
    double true_peak;       /* file as a player decodes it (lossy formats are
                               read back and measured again) */
    double gain;            /* dB applied before the limiter; 0 without one */
    size_t cues;            /* captions written */
    crier_chapter *chapters;/* in time order */
    size_t nchapters;
} crier_speak_result;

/* Frees the chapters of a result (the struct itself is the caller's).
 * NULL and a zeroed result are fine. */
CRIER_EXPORT void crier_speak_result_free(crier_speak_result *result);

/* One thing to say in a program (crier_speak_items): a whole article, a
 * line of written text such as an introduction or "Next: <headline>", or a
 * sound file played as it is, such as a sting between stories.
 *
 * A sound file (`audio`, when `doc` and `text` are NULL) is anything
 * libsndfile reads (WAV, FLAC, Ogg Vorbis, Opus, MP3, ...) of at most 30
 * seconds: a jingle, not a music bed. It is read and checked when the
 * program is planned, before any speech is synthesized; a file that cannot
 * be opened fails the call with CRIER_ERR_IO, one that cannot be decoded
 * or is longer than that with CRIER_ERR_MEDIA, both naming the file in
 * err->file. Its channels are mixed down to mono and it is resampled to
 * the speech engine's rate (22050 Hz, so nothing above 11 kHz survives).
 * Its level is set to the speech's (BS.1770 loudness; a jingle mastered
 * loud would jump out of the episode otherwise, by at most +20/-40 dB),
 * and from there it is treated like speech: it goes through the
 * program's one gain and true-peak limiter and counts in the loudness of
 * the file. It has no words, so no captions; it starts a chapter only
 * when `chapter` says so. The output bytes stay independent of
 * opts->jobs. */
typedef struct crier_item {
    const crier_doc *doc;   /* an article, or NULL for `text` or `audio` */
    const char *text;       /* written text, normalized like an article */
    const char *role;       /* the voice role for `text` ("link", "headline",
                               "body", ...; see voices/README.md); NULL = "link" */
    const char *chapter;    /* start a chapter here with this title; NULL = none */
    int sections;           /* articles: also start chapters at the headline,
                               the body, the captions and the credits */
    int pause_after;        /* extra silence after the item, milliseconds */
    const char *audio;      /* a sound file played as is (a sting), when doc
                               and text are NULL; see above */
} crier_item;

/* Speaks a sequence of items into one audio file at `path`, with one
 * loudness measurement over the whole program, and writes captions and
 * chapters covering all of it when the options ask for them. This is how
 * a bulletin is made: an intro, each story (one chapter each), a sting
 * and a link between them, an outro:
 *
 *     crier_item it[] = {
 *         {NULL, "Good morning. The news at seven.", "link", "Introduction", 0, 300, NULL},
 *         {story1, NULL, NULL, crier_doc_title(story1), 0, 400, NULL},
 *         {NULL, NULL, NULL, NULL, 0, 400, "sting.flac"},
 *         {NULL, "Next: the weather.", "link", crier_doc_title(story2), 0, 0, NULL},
 *         {story2, NULL, NULL, NULL, 0, 0, NULL},
 *     };
 *     crier_speak_items(it, 5, lex, &opts, "bulletin.mp3", &result, &err);
 *
 * result.chapters then holds each story's start and end in the file, and
 * opts.captions_path / opts.chapters_path get the whole episode's cues
 * and chapters.
 *
 * Everything goes to temporary files beside the final names that are
 * renamed into place only when all of them are complete: an existing file
 * at any of the paths is either replaced whole or left as it was, and a
 * failure or cancellation leaves nothing behind. `result` may be NULL;
 * otherwise free it with crier_speak_result_free(), also after a failure.
 *
 * Synthesis and encoding run in forked worker processes (opts->jobs); the
 * caller's process must not be multi-threaded while this runs. */
CRIER_EXPORT crier_status crier_speak_items(const crier_item *items, size_t n,
                                            const crier_lexicon *lex,
                                            const crier_speak_options *opts, const char *path,
                                            crier_speak_result *result, crier_error *err);

/* Speaks one article: crier_speak_items() with one item that has chapters
 * at its sections (headline, body, captions, credits). */
CRIER_EXPORT crier_status crier_speak(const crier_doc *doc, const crier_lexicon *lex,
                                      const crier_speak_options *opts, const char *path,
                                      crier_speak_result *result, crier_error *err);

/* The script of the article: one line per utterance, "role<TAB>spoken
 * text", exactly the text the speech engine would receive (signposts
 * included, quotations as their own "quote" lines, names with a
 * pronunciation as [[phonemes]]). For reviewing and testing what will be
 * said without synthesizing it. Caller frees *out. */
CRIER_EXPORT crier_status crier_speak_script(const crier_doc *doc, const crier_lexicon *lex,
                                             const crier_speak_options *opts, char **out,
                                             crier_error *err);

/* The same for a program of items; a sound file is a line "audio<TAB>path"
 * (the file is read and checked as crier_speak_items() would). Caller
 * frees *out. */
CRIER_EXPORT crier_status crier_speak_items_script(const crier_item *items, size_t n,
                                                   const crier_lexicon *lex,
                                                   const crier_speak_options *opts, char **out,
                                                   crier_error *err);

/* ==== Batch: many articles into a directory, resumably =================== */

/* A batch job: the list of articles to speak and the stable name each one's
 * outputs get in the output directory. Building the list is pure
 * bookkeeping (no audio): the `crier batch` command runs the articles in
 * worker processes, and any other driver can do the same with the calls
 * below. The list is deterministic: the same inputs give the same articles
 * in the same order with the same names, on every machine, which is what
 * makes sharding (crier_batch_shard_of) safe. */
typedef struct crier_batch crier_batch;

/* A new, empty job, or NULL when out of memory. Free with crier_batch_free. */
CRIER_EXPORT crier_batch *crier_batch_new(void);
CRIER_EXPORT void crier_batch_free(crier_batch *b);

/* Adds one input: an article file; a directory, meaning every article file
 * under it (.txt .text .html .htm .xhtml; hidden entries skipped), recursed
 * in byte order of the names; or "@FILE", a manifest (see
 * crier_batch_add_manifest). Fails with CRIER_ERR_IO naming a path that does
 * not exist or a directory that cannot be listed. A file that exists but
 * cannot be read is still added: it fails later, as one bad article. */
CRIER_EXPORT crier_status crier_batch_add(crier_batch *b, const char *input, crier_error *err);

/* Adds the inputs listed in a manifest: one path per line (a file, a
 * directory, or another @manifest), blank lines and lines starting with '#'
 * ignored. Relative paths are taken from `base` (NULL: the current
 * directory). `name` labels the manifest in errors ("list.txt:12: ..."). */
CRIER_EXPORT crier_status crier_batch_add_manifest(crier_batch *b, const char *text, size_t len,
                                                   const char *base, const char *name,
                                                   crier_error *err);

/* Gives every article its output name: the file's base name without its
 * extension, with anything but ASCII letters, digits, '.', '_' and '-'
 * replaced by '-' (podcast hosts want ASCII file names). Names that would
 * collide get the extension appended ("a-html"), then a number ("a-2"), in
 * list order. Call once, after the last add. */
CRIER_EXPORT crier_status crier_batch_plan(crier_batch *b, crier_error *err);

CRIER_EXPORT size_t crier_batch_count(const crier_batch *b);
/* Article i's input path and output name (borrowed). */
CRIER_EXPORT const char *crier_batch_input(const crier_batch *b, size_t i);
CRIER_EXPORT const char *crier_batch_name(const crier_batch *b, size_t i);

/* The shard, from 1 to `nshards`, that article i belongs to. It depends only
 * on the article's name, so adding an article to the job never moves the
 * others to another shard. */
CRIER_EXPORT unsigned crier_batch_shard_of(const crier_batch *b, size_t i, unsigned nshards);

/* The content hash that decides whether an article's outputs are up to
 * date: SHA-256 over the input file's bytes and `settings` (every option and
 * data file that changes the output, as the caller serializes them), as 64
 * lower-case hex digits in `key`. CRIER_ERR_IO when the file cannot be read. */
CRIER_EXPORT crier_status crier_batch_key(const char *input, const char *settings,
                                          size_t settings_len, char key[65], crier_error *err);

/* SHA-256 of a whole file, as 64 hex digits. */
CRIER_EXPORT crier_status crier_hash_file(const char *path, char hex[65], crier_error *err);

/* ==== Episodes: the record beside each finished audio file =============== */

/* What crier knows about one finished episode. `crier batch` and
 * `crier bulletin` write it as NAME.meta.json beside NAME.mp3 (or .ogg ...),
 * last, after every output file is in place: the record is the "done"
 * stamp, and `crier feed` reads its title, date and duration. */
typedef struct crier_episode {
    const char *key;         /* crier_batch_key of the job, or NULL */
    const char *input;       /* the article it was made from, or NULL */
    const char *title;       /* may be NULL: the feed then uses the name */
    const char *author;
    const char *date;        /* ISO 8601 date (YYYY-MM-DD...), or NULL */
    const char *description;
    double seconds;          /* audio duration */
    const char *files[4];    /* output paths, audio first; NULL-terminated */
} crier_episode;

/* Writes the record to `path` (NAME.meta.json): the fields above plus the
 * byte size and SHA-256 of every file in `files`, stored by base name. It
 * goes through a temporary file that is fsync'ed and renamed, so the record
 * exists only whole. */
CRIER_EXPORT crier_status crier_episode_write(const char *path, const crier_episode *ep,
                                              crier_error *err);

/* Checks that the record at `path` was written for `key` and that every
 * file it lists is still there with the recorded size and SHA-256. Returns
 * CRIER_OK and the audio duration in *seconds (may be NULL) when the
 * outputs are up to date; CRIER_ERR_EMPTY when they are not (no record,
 * another key, a file missing or changed), with the reason in err. */
CRIER_EXPORT crier_status crier_episode_check(const char *path, const char *key,
                                              double *seconds, crier_error *err);

/* ==== Batch report ======================================================= */

/* The JSON report of a batch (`crier batch --report FILE`):
 *   {"crier": version, "total": n, "done": n, "skipped": n, "failed": n,
 *    "articles": [{"input", "name", "status", "outputs": [paths],
 *                  "seconds", "elapsed", "error"}]}
 * "status" is "done" (made in this run), "skipped" (already up to date) or
 * "failed"; "seconds" is the audio duration, "elapsed" the wall time this
 * run spent on it, "error" a message or null. */
typedef struct crier_report crier_report;

typedef struct crier_report_item {
    const char *input, *name;
    const char *status;       /* "done", "skipped" or "failed" */
    const char *outputs[4];   /* NULL-terminated */
    double seconds, elapsed;
    const char *error;        /* NULL on success */
} crier_report_item;

CRIER_EXPORT crier_report *crier_report_new(void);
/* Appends a copy of one article's line. CRIER_ERR_NOMEM or CRIER_OK. */
CRIER_EXPORT crier_status crier_report_add(crier_report *r, const crier_report_item *item,
                                           crier_error *err);
/* Writes the report as JSON, through a temporary file and a rename. */
CRIER_EXPORT crier_status crier_report_write(const crier_report *r, const char *path,
                                             crier_error *err);
CRIER_EXPORT void crier_report_free(crier_report *r);


/* ==== Podcast feed and listening page ==================================== */

/* Options for crier_feed_write() and crier_site_write(). Fill with
 * crier_feed_options_init(); strings are borrowed for the call. */
typedef struct crier_feed_options {
    const char *base_url;    /* required: the URL where DIR's files are published */
    const char *feed_url;    /* where the feed itself lives; NULL: base_url/FEED-FILE */
    const char *title;       /* channel title; NULL: the directory's name */
    const char *description; /* NULL: a sentence naming the title */
    const char *author;      /* itunes:author; NULL: none */
    const char *image;       /* itunes:image URL; NULL: base_url/cover.jpg or .png
                                when DIR has one */
    const char *category;    /* itunes:category; NULL: "News" */
    const char *language;    /* ISO 639 code; NULL: "en" */
    const char *guid;        /* podcast:guid; NULL: UUIDv5 of the feed URL, as the
                                Podcasting 2.0 namespace specifies */
    int explicit_content;    /* itunes:explicit true/false */
} crier_feed_options;

CRIER_EXPORT void crier_feed_options_init(crier_feed_options *opts);

/* Writes an RSS 2.0 podcast feed of the episodes in `dir` to `path`. An
 * episode is an audio file NAME.mp3 (or .m4a .ogg .opus .flac .wav);
 * NAME.vtt beside it becomes its podcast:transcript (captions), and
 * NAME.chapters.json its podcast:chapters. Its title, date, description and
 * duration come from NAME.meta.json when there is one (crier batch and
 * crier bulletin write it), else from the name, the file's time and the
 * captions. Items are newest first; each has an enclosure with the file's
 * exact byte length and MIME type, and a GUID that depends only on the
 * channel and NAME, so it never changes across reruns. The output is the
 * same bytes for the same directory. Written through a temporary file. */
CRIER_EXPORT crier_status crier_feed_write(const char *dir, const crier_feed_options *opts,
                                           const char *path, crier_error *err);

/* Writes `site_dir`/index.html, a static listening page for the same
 * episodes: one <audio> each with a <track kind="captions">, the chapters
 * as links that seek the audio, and the transcript as text. When site_dir
 * is `dir` itself the media are linked relatively, else by base_url (a
 * captions track from another origin needs CORS headers on the server). */
CRIER_EXPORT crier_status crier_site_write(const char *dir, const crier_feed_options *opts,
                                           const char *site_dir, crier_error *err);

/* ==== Bulletins: several stories in one episode ========================= */

/* One item of an RSS 2.0, RSS 1.0 or Atom feed. Every string is owned by
 * the item array and may be NULL. */
typedef struct crier_feed_item {
    char *title;
    char *link;
    char *date;     /* ISO 8601 (from pubDate, dc:date, published, updated) */
    char *content;  /* the fullest text: content:encoded or Atom content,
                       else description or summary */
    int html;       /* content is HTML; else plain text */
} crier_feed_item;

/* 1 when `buf` looks like an RSS or Atom document (its root element is
 * rss, RDF or feed), else 0. Cheap: for choosing between a feed and an
 * article page. */
CRIER_EXPORT int crier_feed_sniff(const char *buf, size_t len);

/* Parses a feed with libxml2 (no network access, no external entities, no
 * DTD loading) into its items, newest first: dated items by date, then
 * undated ones in feed order. CRIER_ERR_EMPTY when it is not a feed or has
 * no items, with the parser's line in err. Free with crier_feed_items_free. */
CRIER_EXPORT crier_status crier_feed_parse(const char *buf, size_t len, const char *name,
                                           crier_feed_item **items, size_t *n,
                                           crier_error *err);
CRIER_EXPORT void crier_feed_items_free(crier_feed_item *items, size_t n);

/* A spoken line of a bulletin, from lexicon/en/bulletin.tsv: key "intro",
 * "first", "next" or "outro", with {title}, {date} and {count} filled in.
 * `date` is ISO 8601 (YYYY-MM-DD...) and is written out with the lexicon's
 * month names ("September 20, 2022") for the normalizer to speak; NULL
 * leaves {date} empty. CRIER_ERR_LEXICON when the key is missing. */
CRIER_EXPORT crier_status crier_bulletin_line(const crier_lexicon *lex, const char *key,
                                              const char *title, const char *date, size_t count,
                                              char **out, crier_error *err);

/* Parses a feed item's content into an article, as crier_parse() does for a
 * page (HTML or text per item->html). The item's title becomes the
 * headline when the content does not start with it, since feeds usually
 * carry the headline outside the content. */
CRIER_EXPORT crier_status crier_feed_item_doc(const crier_feed_item *item,
                                              const crier_lexicon *lex, crier_doc **out,
                                              crier_error *err);

/* How a bulletin is put together. Fill with crier_bulletin_options_init(). */
typedef struct crier_bulletin_options {
    const char *title;  /* spoken in the intro and outro; NULL: the "title"
                           line of lexicon/en/bulletin.tsv */
    const char *date;   /* ISO 8601; NULL: the newest story's date, else today */
    int gap_ms;         /* silence between stories; default 1200 */
    const char *sting;  /* a sound file played between stories (after each
                           story but the last), in the middle of the gap:
                           gap_ms / 2 of silence before it and the rest
                           after it. At most 30 s; errors as for
                           crier_item.audio. NULL: silence only */
} crier_bulletin_options;

CRIER_EXPORT void crier_bulletin_options_init(crier_bulletin_options *opts);

/* Speaks a bulletin into one audio file: an intro (the title and the date,
 * spoken by the normalizer), then each story introduced by "First:" or
 * "Next:" followed by its headline, with a pause (and the sting, when
 * there is one) between stories, then an outro. The lines come from
 * lexicon/en/bulletin.tsv. Writes through a
 * temporary file like crier_speak(); `result` may be NULL. */
CRIER_EXPORT crier_status crier_bulletin_speak(const crier_doc *const *stories, size_t n,
                                               const crier_lexicon *lex,
                                               const crier_bulletin_options *bopts,
                                               const crier_speak_options *sopts,
                                               const char *path, crier_speak_result *result,
                                               crier_error *err);

/* The bulletin's script ("role<TAB>spoken text" lines), as
 * crier_speak_script() gives for an article. Caller frees *out. */
CRIER_EXPORT crier_status crier_bulletin_script(const crier_doc *const *stories, size_t n,
                                                const crier_lexicon *lex,
                                                const crier_bulletin_options *bopts,
                                                const crier_speak_options *sopts, char **out,
                                                crier_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CRIER_H */
