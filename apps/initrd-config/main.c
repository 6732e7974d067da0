/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reads its configuration from files the initrd put into the root file
 * system (this app's rootfs/ folder, unpacked by ukcpio at boot) with
 * plain newlib calls: fopen/fgets, stat, opendir/readdir, readlink,
 * then writes, renames and reads back a file of its own and reads
 * /dev/urandom. test.json checks the output line by line.
 * Exit status: 0, or 2 when the configuration is missing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG "/etc/app.conf"

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		++s;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int read_config(void)
{
	FILE *f = fopen(CONFIG, "r");
	if (!f) {
		printf("config: cannot open %s: %s\n", CONFIG, strerror(errno));
		return -1;
	}
	struct stat st;
	fstat(fileno(f), &st);
	printf("config: %s (%ld bytes, mode %04o)\n", CONFIG, (long)st.st_size,
	       (unsigned)(st.st_mode & 07777));
	char line[256];
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq = strchr(s, '=');
		if (*s == '#' || !eq)
			continue;
		*eq = '\0';
		printf("  %s = %s\n", trim(s), trim(eq + 1));
	}
	fclose(f);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_etc(void)
{
	DIR *d = opendir("/etc");
	if (!d) {
		printf("/etc: %s\n", strerror(errno));
		return;
	}
	char *names[32];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 32)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	printf("/etc:");
	for (int i = 0; i < n; ++i) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void show_file(const char *path)
{
	char buf[128] = {0};
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	printf("%s: %s", path, n < 0 ? "unreadable\n" : buf);
}

static void write_state(void)
{
	mkdir("/tmp", 0755);
	mkdir("/var", 0755);
	FILE *f = fopen("/tmp/state.txt", "w");
	if (!f) {
		printf("state: cannot create /tmp/state.txt: %s\n", strerror(errno));
		return;
	}
	fprintf(f, "started %d threads\n", 4);
	fclose(f);
	if (rename("/tmp/state.txt", "/var/state.txt") != 0) {
		printf("state: rename: %s\n", strerror(errno));
		return;
	}
	char buf[64] = {0};
	f = fopen("/var/state.txt", "r");
	fgets(buf, sizeof(buf), f);
	fclose(f);
	struct stat st;
	int gone = stat("/tmp/state.txt", &st) != 0 && errno == ENOENT;
	printf("state: renamed to /var/state.txt (old name gone: %s): %s", gone ? "yes" : "NO", buf);
}

int main(void)
{
	if (read_config() < 0)
		return 2;
	list_etc();
	char target[64] = {0};
	ssize_t n = readlink("/etc/current", target, sizeof(target) - 1);
	printf("/etc/current -> %s\n", n > 0 ? target : "(not a link)");
	show_file("/etc/motd");
	show_file("/srv/data/greeting.txt");
	unsigned char r[16];
	int fd = open("/dev/urandom", O_RDONLY);
	printf("/dev/urandom: %ld bytes\n", fd < 0 ? -1L : (long)read(fd, r, sizeof(r)));
	if (fd >= 0)
		close(fd);
	write_state();
	return 0;
}
