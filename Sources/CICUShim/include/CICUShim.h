// CICUShim: the few ICU calls gongwen needs, behind plain C names and stdint types.
//
// Why a shim: ICU's headers rename every function by macro (unorm2_normalize becomes
// unorm2_normalize_72), and Foundation on Linux carries its own copy of ICU, so a Swift
// module that sees the system ICU headers next to Foundation fails to build. Only
// CICUShim.c includes <unicode/*.h>; this header uses stdint types only.
//
// Conventions: every function that can fail takes `int32_t *status` (an ICU UErrorCode,
// which must be 0 on entry) and leaves it > 0 on failure. Buffers are UTF-16 code units.
// A function that fills a buffer returns the length it needs; if that is more than the
// capacity it sets status to the buffer-overflow code (gw_buffer_overflow()).
#ifndef CICUSHIM_H
#define CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The name ICU gives a status code, e.g. "U_ILLEGAL_CHAR_FOUND".
const char *gw_error_name(int32_t status);
/// The status code ICU uses for "buffer too small".
int32_t gw_buffer_overflow(void);
/// The ICU version, e.g. "72.1".
void gw_icu_version(char *buffer, int32_t capacity);

// MARK: Conversion (legacy encodings → UTF-16)

/// Converts `length` bytes in the encoding `name` to UTF-16.
/// When `lossy` is 0, stops at the first invalid or truncated byte sequence and stores
/// its byte offset in `*bad_offset` (status is then U_ILLEGAL_CHAR_FOUND or similar).
/// When `lossy` is 1, writes U+FFFD for each invalid sequence, counts them in
/// `*bad_count` and stores the first one's offset in `*bad_offset`.
/// A capacity of `length + 1` is always enough.
int32_t gw_convert_to_utf16(const char *name, const uint8_t *bytes, int32_t length,
                            uint16_t *dest, int32_t capacity, int32_t lossy,
                            int64_t *bad_offset, int64_t *bad_count, int32_t *status);

/// 1 when ICU knows the converter name (or alias), else 0; `canonical` receives its
/// canonical name.
int32_t gw_converter_exists(const char *name, char *canonical, int32_t capacity);

// MARK: Normalization (NFKC)

/// NFKC-normalizes `length` UTF-16 units into `dest`.
int32_t gw_nfkc(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity,
                int32_t *status);
/// 1 when NFKC leaves the code point alone whatever surrounds it.
int32_t gw_nfkc_is_inert(uint32_t codepoint, int32_t *status);
/// 1 when NFKC never combines the code point with what comes before it.
int32_t gw_nfkc_has_boundary_before(uint32_t codepoint, int32_t *status);

/// Facts about every BMP code point in one call: flags[c] (65536 entries) gets bit 0 when
/// NFKC leaves c alone whatever surrounds it, bit 1 when NFKC never combines c with what
/// comes before it (the per-code-point functions above, without a call per code point).
void gw_nfkc_bmp_flags(uint8_t *flags, int32_t *status);
/// NFKC of each of `count` UTF-16 units (BMP code points, not surrogates) on its own, as
/// if gw_nfkc were called on each alone; the results are concatenated into `dest` and
/// `ends[i]` is the end of unit i's result. Returns the length needed (status is the
/// buffer-overflow code when it exceeds `capacity`).
int32_t gw_nfkc_each(const uint16_t *units, int32_t count, uint16_t *dest, int32_t capacity,
                     int32_t *ends, int32_t *status);

// MARK: Character properties

/// The code points of general category Zs (space separators), as `[start, end]` pairs
/// written to `ranges` (2 × capacity int32 values). Returns the number of pairs.
int32_t gw_space_separators(int32_t *ranges, int32_t capacity, int32_t *status);

// MARK: Transliteration

/// Opens an ICU transliterator by id (e.g. "Traditional-Simplified"); close with
/// gw_transliterator_close.
void *gw_transliterator_open(const uint16_t *id, int32_t length, int32_t *status);
void gw_transliterator_close(void *transliterator);
/// Opens the ICU transliterator `id` (ASCII, e.g. "Traditional-Simplified") straight from
/// the rules ICU's data holds for it, following aliases, without building ICU's registry
/// of every transliterator (which costs far more than the rules themselves). Gives NULL
/// with a failure status when the id is not a plain rule-based one in ICU's data; the
/// caller then opens it the usual way.
void *gw_transliterator_open_rules(const char *id, int32_t *status);
/// Transliterates `*length` units of `text` in place (capacity `capacity`), updating
/// `*length`.
void gw_transliterate(void *transliterator, uint16_t *text, int32_t *length, int32_t capacity,
                      int32_t *status);

/// Transliterates each of `count` UTF-16 units on its own (as if gw_transliterate were
/// called on each alone); the results are concatenated into `dest` and `ends[i]` is the
/// end of unit i's result. Returns the length needed (status is the buffer-overflow code
/// when it exceeds `capacity`).
int32_t gw_transliterate_each(void *transliterator, const uint16_t *units, int32_t count,
                              uint16_t *dest, int32_t capacity, int32_t *ends, int32_t *status);

/// The code points the transliterator may change, as `[start, end]` pairs written to
/// `ranges` (2 × capacity int32 values). Returns the number of pairs (which may exceed
/// the capacity: call again with more room).
int32_t gw_transliterator_source_set(void *transliterator, int32_t *ranges, int32_t capacity,
                                     int32_t *status);

// MARK: Regular expressions

/// Compiles an ICU regular expression. On a syntax error, `*error_offset` is the offset
/// in the pattern (UTF-16 units) where it went wrong.
void *gw_regex_open(const uint16_t *pattern, int32_t length, int32_t *error_offset,
                    int32_t *status);
/// A copy that another thread may use; the pattern is shared.
void *gw_regex_clone(void *regex, int32_t *status);
void gw_regex_close(void *regex);
/// Searches `text` from `start`; on a match returns 1 and stores its bounds (UTF-16
/// offsets into text), else 0. The text must stay alive until the next call.
int32_t gw_regex_find(void *regex, const uint16_t *text, int32_t length, int32_t start,
                      int32_t *match_start, int32_t *match_end, int32_t *status);



#ifdef __cplusplus
}
#endif

#endif
