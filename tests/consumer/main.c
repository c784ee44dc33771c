/* A user's program: normalizes one line with the installed library. */
#include <crier.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    crier_lexicon *lex = NULL;
    crier_error err;
    if (argc != 2 || crier_lexicon_load(argv[1], &lex, &err) != CRIER_OK)
        return 1;
    crier_spoken *sp = NULL;
    const char *text = "On Sep 20 about 3,700 troops";
    if (crier_normalize(lex, text, strlen(text), 0, &sp, &err) != CRIER_OK)
        return 1;
    puts(sp->text);
    crier_spoken_free(sp);
    crier_lexicon_free(lex);
    return 0;
}
