/* fuzz_text.c -- libFuzzer target: arbitrary bytes as a text dump. */
#include "fuzz.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_parse(data, size, CRIER_INPUT_TEXT);
    return 0;
}
