// SPDX-License-Identifier: BSD-3-Clause
//
// The Xen guest ABI this platform uses (x86_64 PV, Xen >= 3.0.3), written
// down from Xen's public headers (xen.h, event_channel.h, sched.h, vcpu.h,
// physdev.h, callback.h, grant_table.h, io/console.h, io/xs_wire.h).
// The image does not include those headers: they are not freestanding
// C++ and not every build machine has them. tests/abi_test.cpp checks
// every size, offset and constant here against Debian's copy
// (/usr/include/xen, package libxen-dev), so a mistake fails a host test.
#pragma once

#include <uk/essentials.h>

namespace uk::xen::abi {

using domid_t = uint16_t;
using evtchn_port_t = uint32_t;
using grant_ref_t = uint32_t;
using grant_handle_t = uint32_t;
using xen_pfn_t = uint64_t;

inline constexpr domid_t kDomidSelf = 0x7ff0;

// Xen's errno values (xen/errno.h) are Linux's, as uk/errno.h's; the ones
// uk/errno.h does not name yet:
inline constexpr int kEsrch = 3, kEacces = 13, kEisdir = 21, kErofs = 30,
		     kEnotempty = 39, kEisconn = 106;

// ---- hypercall numbers (xen.h) ----------------------------------------------
inline constexpr int kHcSetTrapTable = 0, kHcMmuUpdate = 1, kHcSetCallbacks = 4,
		     kHcFpuTaskswitch = 5, kHcUpdateVaMapping = 14, kHcXenVersion = 17,
		     kHcConsoleIo = 18, kHcGrantTableOp = 20, kHcVmAssist = 21,
		     kHcIret = 23, kHcVcpuOp = 24, kHcMmuextOp = 26,
		     kHcSchedOp = 29, kHcCallbackOp = 30, kHcEventChannelOp = 32,
		     kHcPhysdevOp = 33;

// ---- start of day (xen.h) -----------------------------------------------------
inline constexpr uint32_t kSifPrivileged = 1u << 0, kSifInitDomain = 1u << 1,
			  kSifMultibootMod = 1u << 2, kSifModStartPfn = 1u << 3;
inline constexpr size_t kMaxGuestCmdline = 1024;

struct StartInfo {
	char magic[32];        // "xen-<version>-<platform>"
	uint64_t nr_pages;     // pages of this domain
	uint64_t shared_info;  // machine address of the shared info page
	uint32_t flags;        // kSif*
	xen_pfn_t store_mfn;   // xenstore ring (domU)
	uint32_t store_evtchn;
	union {
		struct {
			xen_pfn_t mfn;  // console ring (domU)
			uint32_t evtchn;
		} domu;
		struct {
			uint32_t info_off;
			uint32_t info_size;
		} dom0;
	} console;
	uint64_t pt_base;      // virtual address of the top page table
	uint64_t nr_pt_frames; // bootstrap page-table frames
	uint64_t mfn_list;     // virtual address of the pfn -> mfn list
	uint64_t mod_start;    // virtual address (or pfn) of the module
	uint64_t mod_len;
	char cmd_line[kMaxGuestCmdline];
	uint64_t first_p2m_pfn;
	uint64_t nr_p2m_frames;
};
static_assert(sizeof(StartInfo) == 1168);

// ---- shared info and time (xen.h, arch-x86/xen.h) ----------------------------
struct VcpuTimeInfo {
	uint32_t version; // odd while Xen updates the fields
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time; // ns since Xen booted, at tsc_timestamp
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad1[2];
};
static_assert(sizeof(VcpuTimeInfo) == 32);

struct ArchVcpuInfo {
	uint64_t cr2; // faulting address of the last page fault Xen bounced
	uint64_t pad;
};

struct VcpuInfo {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask; // 1: no upcalls (the PV "cli")
	uint64_t evtchn_pending_sel;
	ArchVcpuInfo arch;
	VcpuTimeInfo time;
};
static_assert(sizeof(VcpuInfo) == 64);

inline constexpr int kLegacyMaxVcpus = 32;
inline constexpr int kEvtchnWords = 64; // 2-level ABI: 64 x 64 = 4096 ports

struct ArchSharedInfo {
	uint64_t max_pfn;
	xen_pfn_t pfn_to_mfn_frame_list_list;
	uint64_t nmi_reason;
	uint64_t p2m_cr3;
	uint64_t p2m_vaddr;
	uint64_t p2m_generation;
};

struct SharedInfo {
	VcpuInfo vcpu_info[kLegacyMaxVcpus];
	uint64_t evtchn_pending[kEvtchnWords];
	uint64_t evtchn_mask[kEvtchnWords];
	uint32_t wc_version; // as VcpuTimeInfo::version
	uint32_t wc_sec;     // wall clock at system time 0
	uint32_t wc_nsec;
	uint32_t wc_sec_hi;
	ArchSharedInfo arch;
};

// ---- memory management (xen.h, arch-x86/xen-x86_64.h) -------------------------
inline constexpr uintptr_t kMachToPhysStart = 0xffff800000000000ULL; // m2p, read-only
inline constexpr uintptr_t kMachToPhysEnd = 0xffff804000000000ULL;
inline constexpr uintptr_t kHypervisorVirtStart = 0xffff800000000000ULL;
inline constexpr uintptr_t kHypervisorVirtEnd = 0xffff880000000000ULL;

struct MmuUpdate {
	uint64_t ptr; // machine address of the entry | kMmu*
	uint64_t val;
};
inline constexpr uint64_t kMmuNormalPtUpdate = 0;

inline constexpr unsigned kMmuextNewBaseptr = 5, kMmuextTlbFlushLocal = 6,
			  kMmuextInvlpgLocal = 7;
struct MmuextOp {
	uint32_t cmd;
	union {
		xen_pfn_t mfn;
		uint64_t linear_addr;
	} arg1;
	union {
		uint32_t nr_ents;
		const void *vcpumask;
		xen_pfn_t src_mfn;
	} arg2;
};
static_assert(sizeof(MmuextOp) == 24);

inline constexpr uint64_t kUvmfInvlpg = 2; // flush one TLB entry (local)

// ---- traps and callbacks (arch-x86/xen.h, callback.h) ---------------------------
struct TrapInfo {
	uint8_t vector;
	uint8_t flags; // bits 0-1: lowest ring allowed to "int n"; bit 2: mask events
	uint16_t cs;
	uint64_t address; // 0 ends the table
};
static_assert(sizeof(TrapInfo) == 16);
inline constexpr uint8_t kTrapMaskEvents = 4;
inline constexpr uint16_t kFlatKernelCs = 0xe033, kFlatKernelSs = 0xe02b;

inline constexpr int kCallbackOpRegister = 0;
inline constexpr uint16_t kCallbackTypeEvent = 0, kCallbackTypeFailsafe = 1;
struct CallbackRegister {
	uint16_t type;
	uint16_t flags;
	uint64_t address;
};

// ---- console (xen.h, io/console.h) ---------------------------------------------
inline constexpr int kConsoleIoWrite = 0;

struct XenconsInterface {
	char in[1024];
	char out[2048];
	uint32_t in_cons, in_prod;
	uint32_t out_cons, out_prod;
};

// ---- scheduler and vcpu (sched.h, vcpu.h) ----------------------------------------
inline constexpr int kSchedopYield = 0, kSchedopBlock = 1, kSchedopShutdown = 2;
inline constexpr unsigned kShutdownPoweroff = 0, kShutdownReboot = 1,
			  kShutdownCrash = 3;
struct SchedShutdown {
	uint32_t reason;
};

inline constexpr int kVcpuopStopPeriodicTimer = 7, kVcpuopSetSingleshotTimer = 8,
		     kVcpuopStopSingleshotTimer = 9;
struct VcpuSetSingleshotTimer {
	uint64_t timeout_abs_ns; // Xen system time
	uint32_t flags;
};
static_assert(sizeof(VcpuSetSingleshotTimer) == 16);

// ---- physdev (physdev.h) ------------------------------------------------------------
inline constexpr int kPhysdevopSetIopl = 6;
struct PhysdevSetIopl {
	uint32_t iopl;
};

// ---- event channels (xen.h, event_channel.h) -------------------------------------
inline constexpr uint32_t kVirqTimer = 0;
inline constexpr int kEvtchnopBindInterdomain = 0, kEvtchnopBindVirq = 1,
		     kEvtchnopClose = 3, kEvtchnopSend = 4,
		     kEvtchnopAllocUnbound = 6, kEvtchnopUnmask = 9;

struct EvtchnAllocUnbound {
	domid_t dom, remote_dom;
	evtchn_port_t port; // out
};
struct EvtchnBindInterdomain {
	domid_t remote_dom;
	evtchn_port_t remote_port;
	evtchn_port_t local_port; // out
};
struct EvtchnBindVirq {
	uint32_t virq;
	uint32_t vcpu;
	evtchn_port_t port; // out
};
struct EvtchnPort { // close, send, unmask
	evtchn_port_t port;
};

// ---- grant tables (grant_table.h) -----------------------------------------------------
inline constexpr int kGnttabopMapGrantRef = 0, kGnttabopUnmapGrantRef = 1,
		     kGnttabopSetupTable = 2, kGnttabopCopy = 5,
		     kGnttabopQuerySize = 6;

struct GrantEntryV1 {
	uint16_t flags;
	domid_t domid;
	uint32_t frame;
};
static_assert(sizeof(GrantEntryV1) == 8);

inline constexpr uint16_t kGtfPermitAccess = 1, kGtfReadonly = 1u << 2,
			  kGtfReading = 1u << 3, kGtfWriting = 1u << 4;
inline constexpr uint32_t kGntmapHostMap = 1u << 1, kGntmapReadonly = 1u << 2;
inline constexpr uint16_t kGntcopySourceGref = 1u << 0, kGntcopyDestGref = 1u << 1;
inline constexpr int16_t kGntstOkay = 0;

struct GnttabMapGrantRef {
	uint64_t host_addr;
	uint32_t flags;
	grant_ref_t ref;
	domid_t dom;
	int16_t status; // out
	grant_handle_t handle; // out
	uint64_t dev_bus_addr; // out
};
static_assert(sizeof(GnttabMapGrantRef) == 32);

struct GnttabUnmapGrantRef {
	uint64_t host_addr;
	uint64_t dev_bus_addr;
	grant_handle_t handle;
	int16_t status; // out
};

struct GnttabSetupTable {
	domid_t dom;
	uint32_t nr_frames;
	int16_t status; // out
	xen_pfn_t *frame_list;
};

struct GnttabQuerySize {
	domid_t dom;
	uint32_t nr_frames;     // out
	uint32_t max_nr_frames; // out
	int16_t status;         // out
};

struct GnttabCopyPtr {
	union {
		grant_ref_t ref;
		xen_pfn_t gmfn;
	} u;
	domid_t domid;
	uint16_t offset;
};
struct GnttabCopy {
	GnttabCopyPtr source, dest;
	uint16_t len;
	uint16_t flags;
	int16_t status; // out
};

// ---- xenstore (io/xs_wire.h, io/xenbus.h) -------------------------------------------
enum XsMsgType : uint32_t {
	kXsControl = 0, kXsDirectory = 1, kXsRead = 2, kXsGetPerms = 3,
	kXsWatch = 4, kXsUnwatch = 5, kXsTransactionStart = 6,
	kXsTransactionEnd = 7, kXsIntroduce = 8, kXsRelease = 9,
	kXsGetDomainPath = 10, kXsWrite = 11, kXsMkdir = 12, kXsRm = 13,
	kXsSetPerms = 14, kXsWatchEvent = 15, kXsError = 16,
	kXsIsDomainIntroduced = 17, kXsResume = 18, kXsSetTarget = 19,
	kXsResetWatches = 21, kXsDirectoryPart = 22,
};

struct XsdSockmsg {
	uint32_t type;
	uint32_t req_id;
	uint32_t tx_id;
	uint32_t len; // bytes of payload after the header
};
static_assert(sizeof(XsdSockmsg) == 16);

inline constexpr uint32_t kXenstoreRingSize = 1024;
inline constexpr uint32_t kXenstorePayloadMax = 4096;

struct XenstoreDomainInterface {
	char req[kXenstoreRingSize];
	char rsp[kXenstoreRingSize];
	uint32_t req_cons, req_prod;
	uint32_t rsp_cons, rsp_prod;
	uint32_t server_features;
	uint32_t connection;
	uint32_t error;
};

}  // namespace uk::xen::abi
