# SPDX-License-Identifier: BSD-3-Clause
#
# The initrd of an app: its rootfs/ folder as a newc cpio archive,
# O/<name>.cpio (support/scripts/mkcpio, GNU cpio), remade on every build
# and rewritten only when its content changes. make run passes it to the
# image (QEMU -initrd, linuxu --initrd=); INITRD=<file> passes another
# archive, INITRD= none. ukcpio unpacks it into / at boot.

UK_INITRD :=
ifneq ($(wildcard $(A)/rootfs),)
ifeq ($(wildcard $(A)/rootfs/.),)
$(error $(A)/rootfs is not a folder: an app's rootfs/ folder holds the files of its initrd (unpacked into / at boot))
endif
UK_INITRD := $(O)/$(CONFIG_UK_NAME).cpio
.PHONY: initrd
initrd:
	$(Q)$(UK_ROOT)/support/scripts/mkcpio $(A)/rootfs $(UK_INITRD)
all: initrd
endif

INITRD ?= $(UK_INITRD)
ifneq ($(strip $(INITRD)),)
ifeq ($(INITRD),$(UK_INITRD))
run: initrd
else
run: $(INITRD)
$(INITRD):
	@echo "error: INITRD=$(INITRD): no such file (give a newc cpio archive, e.g. one made with cpio -o -H newc, or INITRD= for none)" >&2; exit 1
endif
endif
