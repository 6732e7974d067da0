# Host tests of the timer queue (header-only logic in timer_queue.hpp).
HOST_CPPFLAGS += -I$(LIB_DIR) -I$(LIB_DIR)/include
