/* SPDX-License-Identifier: BSD-3-Clause */
/* struct sockaddr_in, in_addr, IPPROTO_*, INADDR_*, htons & co (lwIP's). */
#ifndef TESSERA_NETINET_IN_H
#define TESSERA_NETINET_IN_H

#include <sys/socket.h>
#include <lwip/inet.h>

#endif /* TESSERA_NETINET_IN_H */
