// SPDX-License-Identifier: BSD-3-Clause
//
// Driver initialisation common to every device and transport (virtio.hpp).

#include <uk/errno.h>

#include "virtio.hpp"

namespace uk::virtio {

Result<uint64_t> negotiate(Transport &t, uint64_t wanted)
{
	t.reset();
	t.set_status(kStatusAcknowledge);
	t.set_status(kStatusAcknowledge | kStatusDriver);
	const uint64_t offered = t.device_features();
	uint64_t f = offered & wanted;
	if (t.modern()) {
		if (!(offered & kFVersion1)) {
			t.set_status(kStatusFailed);
			return Error{-UK_ENOTSUP};
		}
		f |= kFVersion1;
		f &= ~kFAnyLayout; // a legacy bit: implied by VERSION_1
	} else {
		f &= 0xffffffffULL; // legacy devices have 32 feature bits
	}
	t.set_driver_features(f);
	const uint8_t s = kStatusAcknowledge | kStatusDriver;
	if (t.modern()) {
		t.set_status(s | kStatusFeaturesOk);
		if (!(t.status() & kStatusFeaturesOk)) {
			t.set_status(s | kStatusFailed);
			return Error{-UK_EIO};
		}
	}
	return f;
}

}  // namespace uk::virtio
