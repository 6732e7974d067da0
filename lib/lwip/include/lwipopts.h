/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's options for Tessera (lwIP reads this through lwip/opt.h).
 * NO_SYS=0: the stack runs in its tcpip thread; the socket and netconn
 * APIs lock the core (LWIP_TCPIP_CORE_LOCKING) instead of sending a
 * message per call. Memory comes from the heap (ukalloc through the
 * libc's malloc), pools included: no fixed arena to size.
 */
#ifndef TESSERA_LWIPOPTS_H
#define TESSERA_LWIPOPTS_H

#include <uk/config.h>
#include <uk/essentials.h>

#define NO_SYS 0
#define SYS_LIGHTWEIGHT_PROT 1
#define LWIP_TCPIP_CORE_LOCKING 1
#define LWIP_TCPIP_CORE_LOCKING_INPUT 0
#define TCPIP_THREAD_NAME "lwip"
#define TCPIP_THREAD_STACKSIZE (CONFIG_LIBLWIP_TCPIP_STACK_KB * 1024)
#define TCPIP_THREAD_PRIO 0
#define TCPIP_MBOX_SIZE 256
#define DEFAULT_THREAD_STACKSIZE (16 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE 64
#define DEFAULT_UDP_RECVMBOX_SIZE 128
#define DEFAULT_TCP_RECVMBOX_SIZE 128
#define DEFAULT_ACCEPTMBOX_SIZE 64

/* Memory: malloc for the heap and the pools. */
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8
#define MEMP_NUM_TCP_PCB 256
#define MEMP_NUM_TCP_PCB_LISTEN 32
#define MEMP_NUM_UDP_PCB 64
#define MEMP_NUM_NETCONN 512
#define MEMP_NUM_TCPIP_MSG_INPKT 256
#define PBUF_POOL_SIZE 256
/* Received frames become custom pbufs over the netbuf memory (no copy);
 * outgoing pbufs keep room for a device header (virtio-net's 12 bytes)
 * in front of the Ethernet header, so they go out without a copy too. */
#define LWIP_SUPPORT_CUSTOM_PBUF 1
#define PBUF_LINK_ENCAPSULATION_HLEN 16

/* Protocols: IPv4 over Ethernet. */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define LWIP_DNS 1
#define LWIP_IGMP 1
#define LWIP_BROADCAST_PING 1
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define TCP_MSS 1460
#define TCP_WND (CONFIG_LIBLWIP_TCP_WND_SEGMENTS * TCP_MSS)
#define TCP_SND_BUF (CONFIG_LIBLWIP_TCP_WND_SEGMENTS * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_QUEUE_OOSEQ 1
#define LWIP_TCP_KEEPALIVE 1
#define SO_REUSE 1
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_HAVE_LOOPIF 1
#define LWIP_LOOPBACK_MAX_PBUFS 0
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_NETIF_API 1
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1

/* APIs: netconn and BSD sockets; the lwip_ names only (the POSIX names
 * come from the socket layer that puts sockets in the fd table). */
#define LWIP_NETCONN 1
#define LWIP_SOCKET 1
#define LWIP_COMPAT_SOCKETS 0
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_SELECT 1
#define LWIP_SOCKET_POLL 1
#define LWIP_SO_RCVTIMEO 1
#define LWIP_SO_SNDTIMEO 1
#define LWIP_SO_RCVBUF 1
#define LWIP_TCP_TIMESTAMPS 0
#define MEMP_NUM_SELECT_CB 16
#define LWIP_SOCKET_OFFSET 0
#define MEMP_NUM_SOCKET 512
#define LWIP_FIONREAD_LINUXMODE 1

/* With newlib's headers (checked: see ARCHITECTURE.md): its errno.h and
 * struct timeval, not lwIP's own copies. */
#define LWIP_ERRNO_STDINCLUDE 1
#define LWIP_TIMEVAL_PRIVATE 0

/* Statistics and debug output off; LWIP_RAND from the libc's entropy. */
#define LWIP_STATS 0
#define LWIP_STATS_DISPLAY 0
UK_EXTERN_C_BEGIN
unsigned int uk_lwip_rand(void);
/* Called by lwIP's sockets.c whenever a socket's events change
 * (patches/0001-socket-event-hook.patch); socket.cpp notifies pollers. */
void uk_lwip_socket_event(int s);
UK_EXTERN_C_END
#define LWIP_HOOK_SOCKET_EVENT(s) uk_lwip_socket_event(s)
#define LWIP_RAND() uk_lwip_rand()

#endif /* TESSERA_LWIPOPTS_H */
