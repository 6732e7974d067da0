/* SPDX-License-Identifier: BSD-3-Clause */
/* TCP_NODELAY, TCP_KEEPIDLE & co (lwIP's values, in lwip/sockets.h). */
#ifndef TESSERA_NETINET_TCP_H
#define TESSERA_NETINET_TCP_H

#include <sys/socket.h>

#endif /* TESSERA_NETINET_TCP_H */
