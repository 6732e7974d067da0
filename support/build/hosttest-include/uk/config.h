/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host tests have no generated configuration: each test folder's host.mk
 * passes the CONFIG_* values it tests with -D. This file only exists so
 * that `#include <uk/config.h>` in real sources compiles on the host.
 */
#ifndef UK_CONFIG_H
#define UK_CONFIG_H
#endif
