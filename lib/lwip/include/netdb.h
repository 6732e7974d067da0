/* SPDX-License-Identifier: BSD-3-Clause */
/* Name resolution through lwIP's DNS client (struct addrinfo, EAI_*). */
#ifndef TESSERA_NETDB_H
#define TESSERA_NETDB_H

#include <sys/socket.h>
#include <lwip/netdb.h>

#ifdef __cplusplus
extern "C" {
#endif

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res);
void freeaddrinfo(struct addrinfo *ai);
struct hostent *gethostbyname(const char *name);
const char *gai_strerror(int ecode);

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_NETDB_H */
