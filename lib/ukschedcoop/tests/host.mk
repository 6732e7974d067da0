# Host tests of the run-queue policy.
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(UK_ROOT)/lib/uksched/include \
	-I$(UK_ROOT)/lib/uktime/include -I$(UK_ROOT)/arch/x86_64/include
