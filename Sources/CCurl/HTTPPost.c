#include "CCurl.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/// libcurl's entry points, resolved once by `load`.
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    int loaded;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
#define RESOLVE(field, symbol) if (!(*(void **)&curl.field = dlsym(library, symbol))) return
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
#undef RESOLVE
    curl.loaded = curl.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/// The answer's body is not needed; without a write callback libcurl prints it to stdout.
static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data; (void)context;
    return size * count;
}

long propel_http_post(const char *url, const void *body, size_t length, const char *content_type,
                      double timeout_seconds, char *error, size_t capacity) {
    pthread_once(&load_once, load);
    if (!curl.loaded) {
        snprintf(error, capacity, "libcurl (libcurl.so.4) could not be loaded; install libcurl4 to deliver webhooks");
        return 0;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        snprintf(error, capacity, "libcurl could not start a request");
        return 0;
    }
    char header[256], details[CURL_ERROR_SIZE] = "";
    snprintf(header, sizeof header, "Content-Type: %s", content_type);
    struct curl_slist *headers = curl.slist_append(NULL, header);
    curl.easy_setopt(handle, CURLOPT_URL, url);
    curl.easy_setopt(handle, CURLOPT_POST, 1L);
    curl.easy_setopt(handle, CURLOPT_POSTFIELDS, body);
    curl.easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)length);
    curl.easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS, (long)(timeout_seconds * 1000));
    curl.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
    curl.easy_setopt(handle, CURLOPT_ERRORBUFFER, details);
    long status = 0;
    CURLcode outcome = curl.easy_perform(handle);
    if (outcome == CURLE_OK) {
        curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    } else {
        snprintf(error, capacity, "%s", details[0] ? details : curl.easy_strerror(outcome));
    }
    curl.slist_free_all(headers);
    curl.easy_cleanup(handle);
    return status;
}
