#ifndef PROPEL_CCURL_H
#define PROPEL_CCURL_H

#include <stddef.h>

/// POSTs `length` bytes of `body` to `url` as `content_type` with libcurl, loaded on first use:
/// linking libcurl (or Foundation's URLSession, which links it) would make every propel process
/// load some thirty libraries at start-up for a call only webhook activations make.
/// Returns the HTTP status, or 0 with a message in `error` (`capacity` bytes) when there was no
/// answer: libcurl missing, a bad URL, a refused connection, a timeout.
long propel_http_post(const char *url, const void *body, size_t length, const char *content_type,
                      double timeout_seconds, char *error, size_t capacity);

#endif
