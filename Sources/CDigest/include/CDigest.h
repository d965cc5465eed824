// CDigest: SHA-256 for source.sha256 and the grammar hash.
//
// Uses the CPU's SHA extensions (x86 SHA-NI) when present, a portable C implementation
// otherwise; both give the same digest. Plain C with stdint types only.
#ifndef CDIGEST_H
#define CDIGEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes the SHA-256 digest of `length` bytes at `data` into `digest` (32 bytes).
void gw_sha256(const uint8_t *data, size_t length, uint8_t *digest);

/// 1 when the hardware path is used on this CPU, else 0.
int gw_sha256_uses_hardware(void);

#ifdef __cplusplus
}
#endif

#endif
