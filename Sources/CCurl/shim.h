// Typed wrappers for libcurl's variadic curl_easy_setopt / curl_easy_getinfo,
// which Swift cannot call directly.
#ifndef RAYKIT_CCURL_SHIM_H
#define RAYKIT_CCURL_SHIM_H

#include <curl/curl.h>

static inline CURLcode rk_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode rk_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode rk_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode rk_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode rk_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*rk_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode rk_curl_setopt_write_function(CURL *h, rk_curl_data_callback f) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode rk_curl_setopt_read_function(CURL *h, rk_curl_data_callback f) { return curl_easy_setopt(h, CURLOPT_READFUNCTION, f); }
static inline CURLcode rk_curl_setopt_header_function(CURL *h, rk_curl_data_callback f) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }

typedef int (*rk_curl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode rk_curl_setopt_xferinfo_function(CURL *h, rk_curl_xferinfo_callback f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }

static inline CURLcode rk_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode rk_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode rk_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode rk_curl_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

// The multi interface: CURLMsg's result sits in a union Swift reads awkwardly.
static inline CURLcode rk_curl_msg_result(const CURLMsg *m) { return m->data.result; }
static inline int rk_curl_msg_done(const CURLMsg *m) { return m->msg == CURLMSG_DONE; }

// CURLVERSION_NOW is a macro naming the newest layout these headers know.
static inline const curl_version_info_data *rk_curl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }

#endif
