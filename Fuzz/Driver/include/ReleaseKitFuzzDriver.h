#ifndef RELEASEKIT_FUZZ_DRIVER_H
#define RELEASEKIT_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM links an
/// executable's entry point under another name (main=<module>_main), which keeps
/// libFuzzer's own main out of the link; the fuzz target calls the driver from there.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
