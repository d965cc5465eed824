// The only file in gongwen that includes ICU headers. See include/CICUShim.h.
#include "CICUShim.h"

#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/putil.h>
#include <unicode/udata.h>
#include <unicode/unorm2.h>
#include <unicode/ures.h>
#include <unicode/uregex.h>
#include <unicode/uset.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

const char *gw_error_name(int32_t status) {
    return u_errorName((UErrorCode)status);
}

int32_t gw_buffer_overflow(void) {
    return (int32_t)U_BUFFER_OVERFLOW_ERROR;
}

void gw_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    if (capacity > 0) {
        strncpy(buffer, text, (size_t)capacity - 1);
        buffer[capacity - 1] = 0;
    }
}

// MARK: Conversion

int32_t gw_converter_exists(const char *name, char *canonical, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const char *found = ucnv_getCanonicalName(name, "", &status);
    if (U_FAILURE(status) || found == NULL) {
        status = U_ZERO_ERROR;
        UConverter *cnv = ucnv_open(name, &status);
        if (U_FAILURE(status) || cnv == NULL) return 0;
        found = ucnv_getName(cnv, &status);
        if (capacity > 0) {
            strncpy(canonical, found ? found : name, (size_t)capacity - 1);
            canonical[capacity - 1] = 0;
        }
        ucnv_close(cnv);
        return 1;
    }
    if (capacity > 0) {
        strncpy(canonical, found, (size_t)capacity - 1);
        canonical[capacity - 1] = 0;
    }
    return 1;
}

int32_t gw_convert_to_utf16(const char *name, const uint8_t *bytes, int32_t length,
                            uint16_t *dest, int32_t capacity, int32_t lossy,
                            int64_t *bad_offset, int64_t *bad_count, int32_t *status) {
    *bad_offset = -1;
    *bad_count = 0;
    if (U_FAILURE((UErrorCode)*status)) return 0;
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &err);
    if (U_FAILURE(err)) { *status = (int32_t)err; return 0; }
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);

    const char *source = (const char *)bytes;
    const char *sourceLimit = source + length;
    UChar *target = (UChar *)dest;
    UChar *targetLimit = target + capacity;
    for (;;) {
        err = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &target, targetLimit, &source, sourceLimit, NULL, 1, &err);
        if (err == U_ILLEGAL_CHAR_FOUND || err == U_INVALID_CHAR_FOUND ||
            err == U_TRUNCATED_CHAR_FOUND) {
            char invalid[32];
            int8_t invalidLength = (int8_t)sizeof(invalid);
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(cnv, invalid, &invalidLength, &ignored);
            int64_t offset = (int64_t)(source - (const char *)bytes) - invalidLength;
            if (*bad_offset < 0) *bad_offset = offset;
            if (!lossy) { *status = (int32_t)err; break; }
            *bad_count += 1;
            if (target >= targetLimit) { *status = (int32_t)U_BUFFER_OVERFLOW_ERROR; break; }
            *target++ = 0xFFFD;
            ucnv_reset(cnv);
            if (source >= sourceLimit) break;
            continue;
        }
        if (U_FAILURE(err)) { *status = (int32_t)err; }
        break;
    }
    ucnv_close(cnv);
    return (int32_t)(target - (UChar *)dest);
}

// MARK: Normalization

static const UNormalizer2 *nfkc(UErrorCode *status) {
    return unorm2_getNFKCInstance(status);
}

int32_t gw_nfkc(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity,
                int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    const UNormalizer2 *n = nfkc(&err);
    int32_t result = 0;
    if (U_SUCCESS(err)) {
        result = unorm2_normalize(n, (const UChar *)source, length, (UChar *)dest, capacity, &err);
    }
    *status = (int32_t)err;
    return result;
}

int32_t gw_nfkc_is_inert(uint32_t codepoint, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    const UNormalizer2 *n = nfkc(&err);
    int32_t result = U_SUCCESS(err) ? (int32_t)unorm2_isInert(n, (UChar32)codepoint) : 0;
    *status = (int32_t)err;
    return result;
}

int32_t gw_nfkc_has_boundary_before(uint32_t codepoint, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    const UNormalizer2 *n = nfkc(&err);
    int32_t result = U_SUCCESS(err) ? (int32_t)unorm2_hasBoundaryBefore(n, (UChar32)codepoint) : 0;
    *status = (int32_t)err;
    return result;
}

void gw_nfkc_bmp_flags(uint8_t *flags, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    const UNormalizer2 *n = nfkc(&err);
    *status = (int32_t)err;
    if (U_FAILURE(err)) return;
    for (UChar32 c = 0; c < 0x10000; c++) {
        flags[c] = (uint8_t)((unorm2_isInert(n, c) ? 1 : 0) | (unorm2_hasBoundaryBefore(n, c) ? 2 : 0));
    }
}

int32_t gw_nfkc_each(const uint16_t *units, int32_t count, uint16_t *dest, int32_t capacity,
                     int32_t *ends, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    const UNormalizer2 *n = nfkc(&err);
    int32_t length = 0;
    UChar scratch[64];
    for (int32_t i = 0; i < count && U_SUCCESS(err); i++) {
        int32_t written = unorm2_normalize(n, (const UChar *)&units[i], 1, scratch, 64, &err);
        if (U_FAILURE(err)) break;
        if (length + written <= capacity) memcpy(dest + length, scratch, (size_t)written * sizeof(UChar));
        length += written;
        ends[i] = length;
    }
    if (U_SUCCESS(err) && length > capacity) err = U_BUFFER_OVERFLOW_ERROR;
    *status = (int32_t)err;
    return length;
}

// MARK: Character properties

int32_t gw_space_separators(int32_t *ranges, int32_t capacity, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    USet *set = uset_openEmpty();
    uset_applyIntPropertyValue(set, UCHAR_GENERAL_CATEGORY_MASK, U_GC_ZS_MASK, &err);
    int32_t count = 0;
    if (U_SUCCESS(err)) {
        count = uset_getRangeCount(set);
        for (int32_t i = 0; i < count && i < capacity && U_SUCCESS(err); i++) {
            UChar32 start, end;
            uset_getItem(set, i, &start, &end, NULL, 0, &err);
            ranges[2 * i] = start;
            ranges[2 * i + 1] = end;
        }
    }
    uset_close(set);
    *status = (int32_t)err;
    return count;
}

// MARK: Transliteration

void *gw_transliterator_open(const uint16_t *id, int32_t length, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    UTransliterator *t = utrans_openU((const UChar *)id, length, UTRANS_FORWARD, NULL, 0, NULL, &err);
    *status = (int32_t)err;
    return U_SUCCESS(err) ? t : NULL;
}

void *gw_transliterator_open_rules(const char *id, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    if (U_FAILURE(err)) return NULL;
    UResourceBundle *bundle = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "translit", NULL, &err);
    UResourceBundle *ids = ures_getByKey(bundle, "RuleBasedTransliteratorIDs", NULL, &err);
    UResourceBundle *entry = NULL;
    UResourceBundle *file = NULL;
    UTransliterator *t = NULL;
    char current[128];
    strncpy(current, id, sizeof(current) - 1);
    current[sizeof(current) - 1] = 0;
    /* Follow a few aliases (Traditional-Simplified -> Hant-Hans) to an entry with rules. */
    for (int hop = 0; hop < 4 && U_SUCCESS(err); hop++) {
        entry = ures_getByKey(ids, current, entry, &err);
        if (U_FAILURE(err)) break;
        UErrorCode aliasErr = U_ZERO_ERROR;
        int32_t aliasLength = 0;
        const UChar *alias = ures_getStringByKey(entry, "alias", &aliasLength, &aliasErr);
        if (U_SUCCESS(aliasErr)) {
            /* Only a plain id (letters, digits, '-', '/', '_') is followed. */
            if (aliasLength <= 0 || aliasLength >= (int32_t)sizeof(current)) { err = U_UNSUPPORTED_ERROR; break; }
            for (int32_t i = 0; i < aliasLength; i++) {
                UChar c = alias[i];
                int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '_';
                if (!plain) { err = U_UNSUPPORTED_ERROR; break; }
                current[i] = (char)c;
            }
            current[aliasLength] = 0;
            continue;
        }
        UErrorCode fileErr = U_ZERO_ERROR;
        file = ures_getByKey(entry, "file", file, &fileErr);
        if (U_FAILURE(fileErr)) { err = U_UNSUPPORTED_ERROR; break; }
        int32_t rulesLength = 0, directionLength = 0;
        const UChar *rules = ures_getStringByKey(file, "resource", &rulesLength, &err);
        const UChar *direction = ures_getStringByKey(file, "direction", &directionLength, &err);
        if (U_FAILURE(err)) break;
        UTransDirection dir = (directionLength > 0 && direction[0] == 'R') ? UTRANS_REVERSE : UTRANS_FORWARD;
        UChar name[128];
        int32_t nameLength = (int32_t)strlen(current);
        for (int32_t i = 0; i < nameLength; i++) name[i] = (UChar)current[i];
        UParseError parse;
        t = utrans_openU(name, nameLength, dir, rules, rulesLength, &parse, &err);
        break;
    }
    if (U_SUCCESS(err) && t == NULL) err = U_UNSUPPORTED_ERROR;
    ures_close(file);
    ures_close(entry);
    ures_close(ids);
    ures_close(bundle);
    *status = (int32_t)err;
    return U_SUCCESS(err) ? t : NULL;
}

void gw_transliterator_close(void *transliterator) {
    if (transliterator) utrans_close((UTransliterator *)transliterator);
}

void gw_transliterate(void *transliterator, uint16_t *text, int32_t *length, int32_t capacity,
                      int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    int32_t limit = *length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, length, capacity,
                       0, &limit, &err);
    *status = (int32_t)err;
}

int32_t gw_transliterate_each(void *transliterator, const uint16_t *units, int32_t count,
                              uint16_t *dest, int32_t capacity, int32_t *ends, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    int32_t length = 0;
    UChar scratch[64];
    for (int32_t i = 0; i < count && U_SUCCESS(err); i++) {
        int32_t written = 1, limit = 1;
        scratch[0] = (UChar)units[i];
        utrans_transUChars((const UTransliterator *)transliterator, scratch, &written, 64, 0, &limit, &err);
        if (U_FAILURE(err)) break;
        if (length + written <= capacity) memcpy(dest + length, scratch, (size_t)written * sizeof(UChar));
        length += written;
        ends[i] = length;
    }
    if (U_SUCCESS(err) && length > capacity) err = U_BUFFER_OVERFLOW_ERROR;
    *status = (int32_t)err;
    return length;
}

int32_t gw_transliterator_source_set(void *transliterator, int32_t *ranges, int32_t capacity,
                                     int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    USet *set = uset_openEmpty();
    utrans_getSourceSet((const UTransliterator *)transliterator, 0, set, &err);
    int32_t count = 0;
    if (U_SUCCESS(err)) {
        int32_t items = uset_getItemCount(set);
        for (int32_t i = 0; i < items && U_SUCCESS(err); i++) {
            UChar32 start, end;
            int32_t stringLength = uset_getItem(set, i, &start, &end, NULL, 0, &err);
            if (err == U_BUFFER_OVERFLOW_ERROR) { err = U_ZERO_ERROR; continue; }
            if (stringLength != 0) continue; /* a string item, not a range */
            if (count < capacity) {
                ranges[2 * count] = start;
                ranges[2 * count + 1] = end;
            }
            count++;
        }
    }
    uset_close(set);
    *status = (int32_t)err;
    return count;
}

// MARK: Regular expressions

void *gw_regex_open(const uint16_t *pattern, int32_t length, int32_t *error_offset,
                    int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    UParseError parse;
    memset(&parse, 0, sizeof(parse));
    URegularExpression *re = uregex_open((const UChar *)pattern, length, 0, &parse, &err);
    *error_offset = parse.offset;
    *status = (int32_t)err;
    return U_SUCCESS(err) ? re : NULL;
}

void *gw_regex_clone(void *regex, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    URegularExpression *copy = uregex_clone((const URegularExpression *)regex, &err);
    *status = (int32_t)err;
    return U_SUCCESS(err) ? copy : NULL;
}

void gw_regex_close(void *regex) {
    if (regex) uregex_close((URegularExpression *)regex);
}

int32_t gw_regex_find(void *regex, const uint16_t *text, int32_t length, int32_t start,
                      int32_t *match_start, int32_t *match_end, int32_t *status) {
    UErrorCode err = (UErrorCode)*status;
    URegularExpression *re = (URegularExpression *)regex;
    uregex_setText(re, (const UChar *)text, length, &err);
    int32_t found = 0;
    if (U_SUCCESS(err) && uregex_find(re, start, &err) && U_SUCCESS(err)) {
        *match_start = uregex_start(re, 0, &err);
        *match_end = uregex_end(re, 0, &err);
        found = U_SUCCESS(err) ? 1 : 0;
    }
    *status = (int32_t)err;
    return found;
}
