/* fuzz_html.c -- libFuzzer target: arbitrary bytes as a web page. */
#include "fuzz.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parse(data, size, CRIER_INPUT_HTML);
    return 0;
}
