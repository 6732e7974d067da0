# Host tests of the wait-queue list (waitq_list.hpp).
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include -I$(UK_ROOT)/lib/uktime/include \
	-I$(UK_ROOT)/arch/x86_64/include
