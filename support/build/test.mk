# SPDX-License-Identifier: BSD-3-Clause
# make test / make hosttest / make bench: the scripts live in support/scripts.

.PHONY: test hosttest bench
test:
	$(Q)$(PYTHON) $(UK_ROOT)/support/scripts/run-tests $(if $(SUITE),--suite $(SUITE)) $(if $(J),-j $(J))
hosttest:
	$(Q)$(PYTHON) $(UK_ROOT)/support/scripts/run-tests --suite host $(if $(J),-j $(J))
bench:
	$(Q)$(UK_ROOT)/support/scripts/bench
