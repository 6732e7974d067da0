/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Address conversions: inet_addr and inet_ntoa are lwIP's macros
 * (lwip/inet.h); inet_pton and inet_ntop are functions (lib/lwip).
 */
#ifndef TESSERA_ARPA_INET_H
#define TESSERA_ARPA_INET_H

#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_ARPA_INET_H */
