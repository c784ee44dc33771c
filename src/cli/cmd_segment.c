/* cmd_segment.c -- `crier segment [--json] INPUT`: the segmenter's dump.
 *
 * Prints the article's segments in listening order: a readable listing,
 * or with --json exactly one object, {"title", "byline", "segments":
 * [{"kind", "text"}]}, which other tools (and the extraction benchmark)
 * read. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: crier segment [OPTIONS] INPUT\n"
    "\n"
    "Prints the segments of the article in INPUT (a file, or - for standard\n"
    "input) in listening order.\n"
    "\n"
    "  --json                    one JSON object: title, byline, segments\n"
    "  --input text|html         the input kind (default: detected)\n"
    "  --photo-captions end|inline|skip  where photo captions go (default:\n"
    "                            end), as for crier speak; also --captions\n"
    "  --lexicon FILE            extra lexicon entries (repeatable)\n"
    "  --data-dir DIR            where lexicon/ and voices/ are\n"
    "  -h, --help                show this help\n";

int cmd_segment(int argc, char **argv)
{
    static const struct option LONG[] = {{"help", no_argument, NULL, 'h'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"input", required_argument, NULL, 'i'},
                                         {"captions", required_argument, NULL, 'c'},
                                         {"photo-captions", required_argument, NULL, 'p'},
                                         CLI_DATA_OPTIONS,
                                         {0}};
    static const char *const INPUTS[] = {"auto", "text", "html"};
    static const char *const CAPTIONS[] = {"end", "inline", "skip"};
    cli_data data = {0};
    crier_parse_options popts;
    crier_parse_options_init(&popts);
    int json = 0, c, v;
    while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        int d = cli_data_option(c, optarg, &data);
        if (d < 0)
            return EXIT_USAGE;
        if (d)
            continue;
        switch (c) {
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        case 'j': json = 1; break;
        case 'i':
            if ((v = cli_parse_choice("input", optarg, INPUTS, 3)) < 0)
                return EXIT_USAGE;
            popts.input = (crier_input)v;
            break;
        case 'c':
        case 'p':
            if ((v = cli_parse_choice(c == 'c' ? "captions" : "photo-captions", optarg,
                                      CAPTIONS, 3)) < 0)
                return EXIT_USAGE;
            popts.captions = (crier_captions)v;
            break;
        default: fputs(HELP, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    crier_lexicon *lex = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = cli_load_lexicon(&data, &lex);
    if (!rc)
        rc = cli_read_input(path, &text, &len);
    crier_doc *doc = NULL;
    if (!rc) {
        crier_error err = {0};
        crier_status st = crier_parse(text, len, &popts, lex, &doc, &err);
        if (st != CRIER_OK) {
            cli_report(&err, strcmp(path, "-") ? path : "<stdin>");
            rc = cli_exit_code(st, 0);
        }
    }
    if (!rc) {
        char *out = crier_doc_render(doc, json ? CRIER_RENDER_JSON : CRIER_RENDER_TEXT);
        if (!out) {
            cli_error("out of memory");
            rc = EXIT_SOFTWARE;
        } else {
            fputs(out, stdout);
            crier_free(out);
        }
    }
    crier_doc_free(doc);
    crier_free(text);
    crier_lexicon_free(lex);
    return rc;
}
