/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot's init tables: functions registered in scrambled source order
 * must run by class, then priority; a failing one stops the boot with
 * its name. (Boot tests in test.json.)
 */
#include <stdio.h>
#include <string.h>
#include <uk/config.h>
#include <uk/init.h>

static char order[128];

static void note(const char *what)
{
	strcat(order, " ");
	strcat(order, what);
}

static void table_ctor(void) { note("ctor"); }
UK_CTOR_PRIO(table_ctor, 0);

static int late_9(void) { note("late9"); return 0; }
static int lib_5(void) { note("lib5"); return 0; }
static int early_0(void) { note("early0"); return 0; }
static int lib_0(void) { note("lib0"); return 0; }
static int plat_7(void) { note("plat7"); return 0; }
static int sys_5(void) { note("sys5"); return 0; }
static int rootfs_5(void) { note("rootfs5"); return 0; }
static int plat_1(void) { note("plat1"); return 0; }

uk_late_initcall_prio(late_9, 9);
uk_lib_initcall(lib_5);
uk_early_initcall_prio(early_0, 0);
uk_lib_initcall_prio(lib_0, 0);
uk_plat_initcall_prio(plat_7, 7);
uk_sys_initcall(sys_5);
uk_rootfs_initcall(rootfs_5);
uk_plat_initcall_prio(plat_1, 1);

#if CONFIG_APPINITTAB_FAIL
static int failing_init(void) { return -5; }
uk_sys_initcall_prio(failing_init, 0);
#endif

int main(void)
{
	printf("init order:%s\n", order);
	return 0;
}
