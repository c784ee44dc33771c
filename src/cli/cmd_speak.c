/* cmd_speak.c -- `crier speak [OPTIONS] INPUT -o OUTPUT`: article to audio.
 *
 * Reads the article (a file, or - for standard input), finds its segments,
 * and speaks them into OUTPUT, whose extension picks the format unless
 * --format says otherwise. The library writes through a temporary file,
 * so OUTPUT is either the complete new audio or untouched. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
    "usage: crier speak [OPTIONS] INPUT -o OUTPUT\n"
    "\n"
    "Speaks the article in INPUT (a file, or - for standard input) into the\n"
    "audio file OUTPUT (.wav, .flac or .ogg).\n"
    "\n"
    "  -o, --output FILE         the audio file to write (required)\n"
    "  --voice NAME|FILE         voice profile (default: us-news)\n"
    "  --rate WPM                speaking rate, overriding the profile (80-450)\n"
    "  --pitch N                 base pitch, overriding the profile (0-100)\n"
    "  --format wav|flac|ogg     the audio format (default: from OUTPUT)\n"
    "  --quality Q               lossy formats: 0 (smallest) to 1 (best)\n"
    "  --input text|html         the input kind (default: detected)\n"
    "  --captions end|inline|skip  where photo captions go (default: end)\n"
    "  --lexicon FILE            extra lexicon entries (repeatable)\n"
    "  --data-dir DIR            where lexicon/ and voices/ are\n"
    "  --script                  print what would be said (role, spoken text)\n"
    "                            instead of writing audio; no -o needed\n"
    "  -q, --quiet               do not report what was written\n"
    "  -h, --help                show this help\n";

/* Parses a whole decimal number within [lo, hi]; prints an error naming
 * the option otherwise. */
static int parse_int(const char *opt, const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) {
        cli_error("--%s: expected a number from %d to %d, got '%s'", opt, lo, hi, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int cmd_speak(int argc, char **argv)
{
    static const struct option LONG[] = {{"help", no_argument, NULL, 'h'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"voice", required_argument, NULL, 'v'},
                                         {"rate", required_argument, NULL, 'r'},
                                         {"pitch", required_argument, NULL, 'p'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"input", required_argument, NULL, 'i'},
                                         {"captions", required_argument, NULL, 'c'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"script", no_argument, NULL, 's'},
                                         {"quality", required_argument, NULL, 'Q'},
                                         CLI_DATA_OPTIONS,
                                         {0}};
    static const char *const INPUTS[] = {"auto", "text", "html"};
    static const char *const CAPTIONS[] = {"end", "inline", "skip"};
    cli_data data = {0};
    crier_parse_options popts;
    crier_parse_options_init(&popts);
    crier_speak_options sopts;
    crier_speak_options_init(&sopts);
    const char *output = NULL;
    int quiet = 0, script = 0, c, v;
    while ((c = getopt_long(argc, argv, "ho:q", LONG, NULL)) != -1) {
        int d = cli_data_option(c, optarg, &data);
        if (d < 0)
            return EXIT_USAGE;
        if (d)
            continue;
        switch (c) {
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        case 'o': output = optarg; break;
        case 'v': sopts.voice = optarg; break;
        case 'f': sopts.format = optarg; break;
        case 'q': quiet = 1; break;
        case 's': script = 1; break;
        case 'Q': {
            char *end;
            sopts.quality = strtod(optarg, &end);
            if (end == optarg || *end || sopts.quality < 0 || sopts.quality > 1) {
                cli_error("--quality: expected a number from 0 to 1, got '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case 'r':
            if (parse_int("rate", optarg, 80, 450, &sopts.rate) < 0)
                return EXIT_USAGE;
            break;
        case 'p':
            if (parse_int("pitch", optarg, 0, 100, &sopts.pitch) < 0)
                return EXIT_USAGE;
            break;
        case 'i':
            if ((v = cli_parse_choice("input", optarg, INPUTS, 3)) < 0)
                return EXIT_USAGE;
            popts.input = (crier_input)v;
            break;
        case 'c':
            if ((v = cli_parse_choice("captions", optarg, CAPTIONS, 3)) < 0)
                return EXIT_USAGE;
            popts.captions = (crier_captions)v;
            break;
        default: fputs(HELP, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1 || (!output && !script)) {
        cli_error(output ? "speak: expected one INPUT" : "speak: -o OUTPUT is required");
        fputs(HELP, stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    sopts.data_dir = cli_data_dir(&data);
    crier_lexicon *lex = NULL;
    char *text = NULL;
    size_t len = 0;
    crier_doc *doc = NULL;
    crier_error err = {0};
    int rc = cli_load_lexicon(&data, &lex);
    if (!rc)
        rc = cli_read_input(path, &text, &len);
    if (!rc) {
        crier_status st = crier_parse(text, len, &popts, lex, &doc, &err);
        if (st != CRIER_OK) {
            cli_report(&err, name);
            rc = cli_exit_code(st, 0);
        }
    }
    if (!rc && script) {
        char *out = NULL;
        crier_status st = crier_speak_script(doc, lex, &sopts, &out, &err);
        if (st != CRIER_OK) {
            cli_report(&err, name);
            rc = cli_exit_code(st, 0);
        } else {
            fputs(out, stdout);
            crier_free(out);
        }
    } else if (!rc) {
        crier_speak_result res = {0};
        crier_status st = crier_speak(doc, lex, &sopts, output, &res, &err);
        if (st != CRIER_OK) {
            cli_report(&err, output);
            rc = cli_exit_code(st, st == CRIER_ERR_IO);
        } else if (!quiet) {
            fprintf(stderr, "%s: wrote %s (%d:%02d, %zu segments, %d Hz)\n", cli_prog, output,
                    (int)res.seconds / 60, (int)res.seconds % 60, res.segments, res.sample_rate);
        }
    }
    crier_doc_free(doc);
    crier_free(text);
    crier_lexicon_free(lex);
    return rc;
}
