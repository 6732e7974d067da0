/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Debian's libstdc++ is configured for glibc: bits/os_defines.h includes
 * <features.h> even for header-only parts such as <type_traits>. With
 * -nostdinc there is no glibc, so this stands in for it. Nothing else is
 * taken from glibc. <atomic> stays unusable (it pulls in pthread.h through
 * atomic_wait.h): use <uk/atomic.hpp>.
 */
#ifndef UK_FREESTANDING_FEATURES_H
#define UK_FREESTANDING_FEATURES_H
#define __GLIBC_PREREQ(maj, min) 0
#endif
