/* spec_normalize.c -- runs tests/spec/normalize.txt against crier_normalize().
 *
 * The spec file is a list of examples, each an input line and the spoken
 * line expected for it:
 *
 *     ## Dates                        a section heading (shown on failure)
 *     < Tuesday (Sep 20)              the written input
 *     > Tuesday, September twentieth  the expected spoken output
 *     @ gb                            flags for the examples that follow
 *                                     ("@ gb", "@ us" to go back)
 *
 * Lines starting with '#' (and not "##") are comments. On failure the
 * runner prints the example's line number, so the spec is the place to
 * look, not this program.
 *
 * usage: spec_normalize LEXICON_DIR SPEC_FILE */
#include "crier.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LEXICON_DIR SPEC_FILE\n", argv[0]);
        return 2;
    }
    crier_lexicon *lex = harness_lexicon(argv[1]);
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    char line[4096], input[4096] = "", section[256] = "";
    long lineno = 0, input_line = 0;
    unsigned flags = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        chomp(line);
        if (!strncmp(line, "## ", 3)) {
            snprintf(section, sizeof section, "%s", line + 3);
        } else if (!strncmp(line, "@ ", 2)) {
            flags = strstr(line, "gb") ? CRIER_NORM_GB : 0;
        } else if (!strncmp(line, "< ", 2) || !strcmp(line, "<")) {
            snprintf(input, sizeof input, "%s", line[1] ? line + 2 : "");
            input_line = lineno;
        } else if (!strncmp(line, "> ", 2) || !strcmp(line, ">")) {
            const char *want = line[1] ? line + 2 : "";
            crier_spoken *sp = NULL;
            crier_error err = {0};
            crier_status st = crier_normalize(lex, input, strlen(input), flags, &sp, &err);
            OK(st == CRIER_OK, "line %ld: status %d", input_line, st);
            if (st == CRIER_OK)
                OK(!strcmp(sp->text, want), "%s:%ld [%s]\n  input: %s\n    got: %s\n   want: %s",
                   argv[2], input_line, section, input, sp->text, want);
            crier_spoken_free(sp);
        }
    }
    fclose(f);
    crier_lexicon_free(lex);
    return harness_done();
}
