// SPDX-License-Identifier: BSD-3-Clause
// Every layout and constant of abi.hpp against Xen's own public headers
// (Debian's libxen-dev): abi.hpp is written down by hand so that the
// image needs no Xen headers; this is where a slip shows.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

// The interface of Xen >= 4.7 (vcpu_time_info.flags, xen_pfn_t frame lists).
#define __XEN_INTERFACE_VERSION__ 0x00040700
#include <xen/xen.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/physdev.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/io/console.h>
#include <xen/io/xenbus.h>
#include <xen/io/xs_wire.h>
#include <xen/errno.h>

#include <uk/errno.h>
#include <uk/xen/xenbus.h>

#include "abi.hpp"

// Not "abi": <cxxabi.h> (through gtest) has a namespace alias of that name.
namespace ours = uk::xen::abi;

// Names without "struct" for the macros below.
typedef struct callback_register theirs_callback_register;
typedef struct xencons_interface theirs_xencons_interface;
typedef struct xsd_sockmsg theirs_xsd_sockmsg;
typedef struct xenstore_domain_interface theirs_xenstore_domain_interface;

#define SAME_LAYOUT(mine, theirs) EXPECT_EQ(sizeof(ours::mine), sizeof(theirs)) << #mine
#define SAME_FIELD(mine, theirs, of, tf)                                              \
	EXPECT_EQ(offsetof(ours::mine, of), offsetof(theirs, tf)) << #mine "." #of;    \
	EXPECT_EQ(sizeof(ours::mine::of), sizeof(theirs::tf)) << #mine "." #of

TEST(XenAbi, HypercallNumbers)
{
	EXPECT_EQ(ours::kHcSetTrapTable, __HYPERVISOR_set_trap_table);
	EXPECT_EQ(ours::kHcMmuUpdate, __HYPERVISOR_mmu_update);
	EXPECT_EQ(ours::kHcSetCallbacks, __HYPERVISOR_set_callbacks);
	EXPECT_EQ(ours::kHcFpuTaskswitch, __HYPERVISOR_fpu_taskswitch);
	EXPECT_EQ(ours::kHcUpdateVaMapping, __HYPERVISOR_update_va_mapping);
	EXPECT_EQ(ours::kHcXenVersion, __HYPERVISOR_xen_version);
	EXPECT_EQ(ours::kHcConsoleIo, __HYPERVISOR_console_io);
	EXPECT_EQ(ours::kHcGrantTableOp, __HYPERVISOR_grant_table_op);
	EXPECT_EQ(ours::kHcVmAssist, __HYPERVISOR_vm_assist);
	EXPECT_EQ(ours::kHcIret, __HYPERVISOR_iret);
	EXPECT_EQ(ours::kHcVcpuOp, __HYPERVISOR_vcpu_op);
	EXPECT_EQ(ours::kHcMmuextOp, __HYPERVISOR_mmuext_op);
	EXPECT_EQ(ours::kHcSchedOp, __HYPERVISOR_sched_op);
	EXPECT_EQ(ours::kHcCallbackOp, __HYPERVISOR_callback_op);
	EXPECT_EQ(ours::kHcEventChannelOp, __HYPERVISOR_event_channel_op);
	EXPECT_EQ(ours::kHcPhysdevOp, __HYPERVISOR_physdev_op);
}

TEST(XenAbi, StartInfo)
{
	SAME_LAYOUT(StartInfo, start_info_t);
	SAME_FIELD(StartInfo, start_info_t, magic, magic);
	SAME_FIELD(StartInfo, start_info_t, nr_pages, nr_pages);
	SAME_FIELD(StartInfo, start_info_t, shared_info, shared_info);
	SAME_FIELD(StartInfo, start_info_t, flags, flags);
	SAME_FIELD(StartInfo, start_info_t, store_mfn, store_mfn);
	SAME_FIELD(StartInfo, start_info_t, store_evtchn, store_evtchn);
	EXPECT_EQ(offsetof(ours::StartInfo, console.domu.mfn), offsetof(start_info_t, console.domU.mfn));
	EXPECT_EQ(offsetof(ours::StartInfo, console.domu.evtchn), offsetof(start_info_t, console.domU.evtchn));
	EXPECT_EQ(offsetof(ours::StartInfo, console.dom0.info_off), offsetof(start_info_t, console.dom0.info_off));
	SAME_FIELD(StartInfo, start_info_t, pt_base, pt_base);
	SAME_FIELD(StartInfo, start_info_t, nr_pt_frames, nr_pt_frames);
	SAME_FIELD(StartInfo, start_info_t, mfn_list, mfn_list);
	SAME_FIELD(StartInfo, start_info_t, mod_start, mod_start);
	SAME_FIELD(StartInfo, start_info_t, mod_len, mod_len);
	SAME_FIELD(StartInfo, start_info_t, cmd_line, cmd_line);
	SAME_FIELD(StartInfo, start_info_t, first_p2m_pfn, first_p2m_pfn);
	SAME_FIELD(StartInfo, start_info_t, nr_p2m_frames, nr_p2m_frames);
	EXPECT_EQ(ours::kMaxGuestCmdline, static_cast<size_t>(MAX_GUEST_CMDLINE));
	EXPECT_EQ(ours::kSifPrivileged, static_cast<uint32_t>(SIF_PRIVILEGED));
	EXPECT_EQ(ours::kSifInitDomain, static_cast<uint32_t>(SIF_INITDOMAIN));
	EXPECT_EQ(ours::kSifMultibootMod, static_cast<uint32_t>(SIF_MULTIBOOT_MOD));
	EXPECT_EQ(ours::kSifModStartPfn, static_cast<uint32_t>(SIF_MOD_START_PFN));
}

TEST(XenAbi, SharedInfoAndTime)
{
	SAME_LAYOUT(VcpuTimeInfo, vcpu_time_info_t);
	SAME_FIELD(VcpuTimeInfo, vcpu_time_info_t, version, version);
	SAME_FIELD(VcpuTimeInfo, vcpu_time_info_t, tsc_timestamp, tsc_timestamp);
	SAME_FIELD(VcpuTimeInfo, vcpu_time_info_t, system_time, system_time);
	SAME_FIELD(VcpuTimeInfo, vcpu_time_info_t, tsc_to_system_mul, tsc_to_system_mul);
	SAME_FIELD(VcpuTimeInfo, vcpu_time_info_t, tsc_shift, tsc_shift);
	SAME_FIELD(VcpuTimeInfo, vcpu_time_info_t, flags, flags);
	SAME_LAYOUT(VcpuInfo, vcpu_info_t);
	SAME_FIELD(VcpuInfo, vcpu_info_t, evtchn_upcall_pending, evtchn_upcall_pending);
	SAME_FIELD(VcpuInfo, vcpu_info_t, evtchn_upcall_mask, evtchn_upcall_mask);
	SAME_FIELD(VcpuInfo, vcpu_info_t, evtchn_pending_sel, evtchn_pending_sel);
	EXPECT_EQ(offsetof(ours::VcpuInfo, arch.cr2), offsetof(vcpu_info_t, arch.cr2));
	SAME_FIELD(VcpuInfo, vcpu_info_t, time, time);
	EXPECT_EQ(ours::kLegacyMaxVcpus, XEN_LEGACY_MAX_VCPUS);
	SAME_LAYOUT(SharedInfo, shared_info_t);
	SAME_FIELD(SharedInfo, shared_info_t, vcpu_info, vcpu_info);
	SAME_FIELD(SharedInfo, shared_info_t, evtchn_pending, evtchn_pending);
	SAME_FIELD(SharedInfo, shared_info_t, evtchn_mask, evtchn_mask);
	SAME_FIELD(SharedInfo, shared_info_t, wc_version, wc_version);
	SAME_FIELD(SharedInfo, shared_info_t, wc_sec, wc_sec);
	SAME_FIELD(SharedInfo, shared_info_t, wc_nsec, wc_nsec);
	SAME_FIELD(SharedInfo, shared_info_t, wc_sec_hi, wc_sec_hi);
	SAME_FIELD(SharedInfo, shared_info_t, arch, arch);
}

TEST(XenAbi, MemoryManagement)
{
	EXPECT_EQ(ours::kMachToPhysStart, static_cast<uintptr_t>(MACH2PHYS_VIRT_START));
	EXPECT_EQ(ours::kMachToPhysEnd, static_cast<uintptr_t>(MACH2PHYS_VIRT_END));
	EXPECT_EQ(ours::kHypervisorVirtStart, static_cast<uintptr_t>(HYPERVISOR_VIRT_START));
	EXPECT_EQ(ours::kHypervisorVirtEnd, static_cast<uintptr_t>(HYPERVISOR_VIRT_END));
	SAME_LAYOUT(MmuUpdate, mmu_update_t);
	SAME_FIELD(MmuUpdate, mmu_update_t, ptr, ptr);
	SAME_FIELD(MmuUpdate, mmu_update_t, val, val);
	EXPECT_EQ(ours::kMmuNormalPtUpdate, static_cast<uint64_t>(MMU_NORMAL_PT_UPDATE));
	SAME_LAYOUT(MmuextOp, mmuext_op_t);
	EXPECT_EQ(offsetof(ours::MmuextOp, arg1), offsetof(mmuext_op_t, arg1));
	EXPECT_EQ(offsetof(ours::MmuextOp, arg2), offsetof(mmuext_op_t, arg2));
	EXPECT_EQ(ours::kMmuextNewBaseptr, static_cast<unsigned>(MMUEXT_NEW_BASEPTR));
	EXPECT_EQ(ours::kMmuextTlbFlushLocal, static_cast<unsigned>(MMUEXT_TLB_FLUSH_LOCAL));
	EXPECT_EQ(ours::kMmuextInvlpgLocal, static_cast<unsigned>(MMUEXT_INVLPG_LOCAL));
	EXPECT_EQ(ours::kUvmfInvlpg, static_cast<uint64_t>(UVMF_INVLPG));
	EXPECT_EQ(ours::kDomidSelf, DOMID_SELF);
}

TEST(XenAbi, TrapsCallbacksConsole)
{
	SAME_LAYOUT(TrapInfo, trap_info_t);
	SAME_FIELD(TrapInfo, trap_info_t, vector, vector);
	SAME_FIELD(TrapInfo, trap_info_t, flags, flags);
	SAME_FIELD(TrapInfo, trap_info_t, cs, cs);
	SAME_FIELD(TrapInfo, trap_info_t, address, address);
	EXPECT_EQ(ours::kFlatKernelCs, FLAT_KERNEL_CS);
	EXPECT_EQ(ours::kFlatKernelSs, FLAT_KERNEL_SS);
	EXPECT_EQ(ours::kCallbackOpRegister, CALLBACKOP_register);
	EXPECT_EQ(ours::kCallbackTypeEvent, CALLBACKTYPE_event);
	EXPECT_EQ(ours::kCallbackTypeFailsafe, CALLBACKTYPE_failsafe);
	SAME_LAYOUT(CallbackRegister, theirs_callback_register);
	SAME_FIELD(CallbackRegister, theirs_callback_register, type, type);
	SAME_FIELD(CallbackRegister, theirs_callback_register, flags, flags);
	SAME_FIELD(CallbackRegister, theirs_callback_register, address, address);
	EXPECT_EQ(ours::kConsoleIoWrite, CONSOLEIO_write);
	SAME_LAYOUT(XenconsInterface, theirs_xencons_interface);
	SAME_FIELD(XenconsInterface, theirs_xencons_interface, in, in);
	SAME_FIELD(XenconsInterface, theirs_xencons_interface, out, out);
	SAME_FIELD(XenconsInterface, theirs_xencons_interface, in_cons, in_cons);
	SAME_FIELD(XenconsInterface, theirs_xencons_interface, in_prod, in_prod);
	SAME_FIELD(XenconsInterface, theirs_xencons_interface, out_cons, out_cons);
	SAME_FIELD(XenconsInterface, theirs_xencons_interface, out_prod, out_prod);
	// The iret frame our upcall stub builds (entry.S): flags, then the
	// CPU frame, under rax, r11, rcx that the hypercall page pushes.
	EXPECT_EQ(offsetof(struct iret_context, flags), 3 * 8u);
	EXPECT_EQ(offsetof(struct iret_context, rip), 4 * 8u);
	EXPECT_EQ(offsetof(struct iret_context, ss), 8 * 8u);
	EXPECT_EQ(__HYPERVISOR_iret, 23); // entry.S hard-codes it
}

TEST(XenAbi, SchedulerVcpuPhysdev)
{
	EXPECT_EQ(ours::kSchedopYield, SCHEDOP_yield);
	EXPECT_EQ(ours::kSchedopBlock, SCHEDOP_block);
	EXPECT_EQ(ours::kSchedopShutdown, SCHEDOP_shutdown);
	EXPECT_EQ(ours::kShutdownPoweroff, static_cast<unsigned>(SHUTDOWN_poweroff));
	EXPECT_EQ(ours::kShutdownReboot, static_cast<unsigned>(SHUTDOWN_reboot));
	EXPECT_EQ(ours::kShutdownCrash, static_cast<unsigned>(SHUTDOWN_crash));
	SAME_LAYOUT(SchedShutdown, sched_shutdown_t);
	EXPECT_EQ(ours::kVcpuopStopPeriodicTimer, VCPUOP_stop_periodic_timer);
	EXPECT_EQ(ours::kVcpuopSetSingleshotTimer, VCPUOP_set_singleshot_timer);
	EXPECT_EQ(ours::kVcpuopStopSingleshotTimer, VCPUOP_stop_singleshot_timer);
	SAME_LAYOUT(VcpuSetSingleshotTimer, vcpu_set_singleshot_timer_t);
	SAME_FIELD(VcpuSetSingleshotTimer, vcpu_set_singleshot_timer_t, timeout_abs_ns, timeout_abs_ns);
	SAME_FIELD(VcpuSetSingleshotTimer, vcpu_set_singleshot_timer_t, flags, flags);
	EXPECT_EQ(ours::kPhysdevopSetIopl, PHYSDEVOP_set_iopl);
	SAME_LAYOUT(PhysdevSetIopl, physdev_set_iopl_t);
}

TEST(XenAbi, EventChannels)
{
	EXPECT_EQ(ours::kVirqTimer, static_cast<uint32_t>(VIRQ_TIMER));
	EXPECT_EQ(ours::kEvtchnopBindInterdomain, EVTCHNOP_bind_interdomain);
	EXPECT_EQ(ours::kEvtchnopBindVirq, EVTCHNOP_bind_virq);
	EXPECT_EQ(ours::kEvtchnopClose, EVTCHNOP_close);
	EXPECT_EQ(ours::kEvtchnopSend, EVTCHNOP_send);
	EXPECT_EQ(ours::kEvtchnopAllocUnbound, EVTCHNOP_alloc_unbound);
	EXPECT_EQ(ours::kEvtchnopUnmask, EVTCHNOP_unmask);
	EXPECT_EQ(ours::kEvtchnWords * 64, static_cast<int>(sizeof(xen_ulong_t) * 8 * sizeof(xen_ulong_t) * 8));
	SAME_LAYOUT(EvtchnAllocUnbound, evtchn_alloc_unbound_t);
	SAME_FIELD(EvtchnAllocUnbound, evtchn_alloc_unbound_t, dom, dom);
	SAME_FIELD(EvtchnAllocUnbound, evtchn_alloc_unbound_t, remote_dom, remote_dom);
	SAME_FIELD(EvtchnAllocUnbound, evtchn_alloc_unbound_t, port, port);
	SAME_LAYOUT(EvtchnBindInterdomain, evtchn_bind_interdomain_t);
	SAME_FIELD(EvtchnBindInterdomain, evtchn_bind_interdomain_t, remote_dom, remote_dom);
	SAME_FIELD(EvtchnBindInterdomain, evtchn_bind_interdomain_t, remote_port, remote_port);
	SAME_FIELD(EvtchnBindInterdomain, evtchn_bind_interdomain_t, local_port, local_port);
	SAME_LAYOUT(EvtchnBindVirq, evtchn_bind_virq_t);
	SAME_FIELD(EvtchnBindVirq, evtchn_bind_virq_t, port, port);
	SAME_LAYOUT(EvtchnPort, evtchn_send_t);
	SAME_LAYOUT(EvtchnPort, evtchn_close_t);
	SAME_LAYOUT(EvtchnPort, evtchn_unmask_t);
}

TEST(XenAbi, GrantTables)
{
	EXPECT_EQ(ours::kGnttabopMapGrantRef, GNTTABOP_map_grant_ref);
	EXPECT_EQ(ours::kGnttabopUnmapGrantRef, GNTTABOP_unmap_grant_ref);
	EXPECT_EQ(ours::kGnttabopSetupTable, GNTTABOP_setup_table);
	EXPECT_EQ(ours::kGnttabopCopy, GNTTABOP_copy);
	EXPECT_EQ(ours::kGnttabopQuerySize, GNTTABOP_query_size);
	SAME_LAYOUT(GrantEntryV1, grant_entry_v1_t);
	SAME_FIELD(GrantEntryV1, grant_entry_v1_t, flags, flags);
	SAME_FIELD(GrantEntryV1, grant_entry_v1_t, domid, domid);
	SAME_FIELD(GrantEntryV1, grant_entry_v1_t, frame, frame);
	EXPECT_EQ(ours::kGtfPermitAccess, GTF_permit_access);
	EXPECT_EQ(ours::kGtfReadonly, GTF_readonly);
	EXPECT_EQ(ours::kGtfReading, GTF_reading);
	EXPECT_EQ(ours::kGtfWriting, GTF_writing);
	EXPECT_EQ(ours::kGntmapHostMap, static_cast<uint32_t>(GNTMAP_host_map));
	EXPECT_EQ(ours::kGntmapReadonly, static_cast<uint32_t>(GNTMAP_readonly));
	EXPECT_EQ(ours::kGntcopySourceGref, GNTCOPY_source_gref);
	EXPECT_EQ(ours::kGntcopyDestGref, GNTCOPY_dest_gref);
	SAME_LAYOUT(GnttabMapGrantRef, gnttab_map_grant_ref_t);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, host_addr, host_addr);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, flags, flags);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, ref, ref);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, dom, dom);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, status, status);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, handle, handle);
	SAME_FIELD(GnttabMapGrantRef, gnttab_map_grant_ref_t, dev_bus_addr, dev_bus_addr);
	SAME_LAYOUT(GnttabUnmapGrantRef, gnttab_unmap_grant_ref_t);
	SAME_FIELD(GnttabUnmapGrantRef, gnttab_unmap_grant_ref_t, handle, handle);
	SAME_FIELD(GnttabUnmapGrantRef, gnttab_unmap_grant_ref_t, status, status);
	SAME_LAYOUT(GnttabSetupTable, gnttab_setup_table_t);
	SAME_FIELD(GnttabSetupTable, gnttab_setup_table_t, dom, dom);
	SAME_FIELD(GnttabSetupTable, gnttab_setup_table_t, nr_frames, nr_frames);
	SAME_FIELD(GnttabSetupTable, gnttab_setup_table_t, status, status);
	EXPECT_EQ(offsetof(ours::GnttabSetupTable, frame_list), offsetof(gnttab_setup_table_t, frame_list));
	SAME_LAYOUT(GnttabQuerySize, gnttab_query_size_t);
	SAME_FIELD(GnttabQuerySize, gnttab_query_size_t, status, status);
	SAME_LAYOUT(GnttabCopy, gnttab_copy_t);
	EXPECT_EQ(offsetof(ours::GnttabCopy, source.domid), offsetof(gnttab_copy_t, source.domid));
	EXPECT_EQ(offsetof(ours::GnttabCopy, source.offset), offsetof(gnttab_copy_t, source.offset));
	EXPECT_EQ(offsetof(ours::GnttabCopy, dest.u.gmfn), offsetof(gnttab_copy_t, dest.u.gmfn));
	SAME_FIELD(GnttabCopy, gnttab_copy_t, len, len);
	SAME_FIELD(GnttabCopy, gnttab_copy_t, flags, flags);
	SAME_FIELD(GnttabCopy, gnttab_copy_t, status, status);
	EXPECT_EQ(ours::kGntstOkay, GNTST_okay);
}

TEST(XenAbi, Xenstore)
{
	EXPECT_EQ(ours::kXsDirectory, XS_DIRECTORY);
	EXPECT_EQ(ours::kXsRead, XS_READ);
	EXPECT_EQ(ours::kXsWatch, XS_WATCH);
	EXPECT_EQ(ours::kXsUnwatch, XS_UNWATCH);
	EXPECT_EQ(ours::kXsTransactionStart, XS_TRANSACTION_START);
	EXPECT_EQ(ours::kXsTransactionEnd, XS_TRANSACTION_END);
	EXPECT_EQ(ours::kXsGetDomainPath, XS_GET_DOMAIN_PATH);
	EXPECT_EQ(ours::kXsWrite, XS_WRITE);
	EXPECT_EQ(ours::kXsMkdir, XS_MKDIR);
	EXPECT_EQ(ours::kXsRm, XS_RM);
	EXPECT_EQ(ours::kXsWatchEvent, XS_WATCH_EVENT);
	EXPECT_EQ(ours::kXsError, XS_ERROR);
	EXPECT_EQ(ours::kXsResetWatches, XS_RESET_WATCHES);
	EXPECT_EQ(ours::kXsDirectoryPart, XS_DIRECTORY_PART);
	SAME_LAYOUT(XsdSockmsg, theirs_xsd_sockmsg);
	SAME_FIELD(XsdSockmsg, theirs_xsd_sockmsg, type, type);
	SAME_FIELD(XsdSockmsg, theirs_xsd_sockmsg, req_id, req_id);
	SAME_FIELD(XsdSockmsg, theirs_xsd_sockmsg, tx_id, tx_id);
	SAME_FIELD(XsdSockmsg, theirs_xsd_sockmsg, len, len);
	EXPECT_EQ(ours::kXenstoreRingSize, static_cast<uint32_t>(XENSTORE_RING_SIZE));
	EXPECT_EQ(ours::kXenstorePayloadMax, static_cast<uint32_t>(XENSTORE_PAYLOAD_MAX));
	SAME_LAYOUT(XenstoreDomainInterface, theirs_xenstore_domain_interface);
	SAME_FIELD(XenstoreDomainInterface, theirs_xenstore_domain_interface, req, req);
	SAME_FIELD(XenstoreDomainInterface, theirs_xenstore_domain_interface, rsp, rsp);
	SAME_FIELD(XenstoreDomainInterface, theirs_xenstore_domain_interface, req_cons, req_cons);
	SAME_FIELD(XenstoreDomainInterface, theirs_xenstore_domain_interface, req_prod, req_prod);
	SAME_FIELD(XenstoreDomainInterface, theirs_xenstore_domain_interface, rsp_cons, rsp_cons);
	SAME_FIELD(XenstoreDomainInterface, theirs_xenstore_domain_interface, rsp_prod, rsp_prod);
	EXPECT_EQ(UK_XENBUS_STATE_INITIALISING, XenbusStateInitialising);
	EXPECT_EQ(UK_XENBUS_STATE_INITWAIT, XenbusStateInitWait);
	EXPECT_EQ(UK_XENBUS_STATE_INITIALISED, XenbusStateInitialised);
	EXPECT_EQ(UK_XENBUS_STATE_CONNECTED, XenbusStateConnected);
	EXPECT_EQ(UK_XENBUS_STATE_CLOSING, XenbusStateClosing);
	EXPECT_EQ(UK_XENBUS_STATE_CLOSED, XenbusStateClosed);
	EXPECT_EQ(UK_XENBUS_STATE_RECONFIGURED, XenbusStateReconfigured);
}

TEST(XenAbi, ErrnoValues)
{
	EXPECT_EQ(ours::kEsrch, XEN_ESRCH);
	EXPECT_EQ(ours::kEacces, XEN_EACCES);
	EXPECT_EQ(ours::kEisdir, XEN_EISDIR);
	EXPECT_EQ(ours::kErofs, XEN_EROFS);
	EXPECT_EQ(ours::kEnotempty, XEN_ENOTEMPTY);
	EXPECT_EQ(ours::kEisconn, XEN_EISCONN);
	// The ones uk/errno.h names, as Xen's.
	EXPECT_EQ(UK_ENOENT, XEN_ENOENT);
	EXPECT_EQ(UK_EAGAIN, XEN_EAGAIN);
	EXPECT_EQ(UK_EBUSY, XEN_EBUSY);
	EXPECT_EQ(UK_ENOSPC, XEN_ENOSPC);
	EXPECT_EQ(UK_ENOSYS, XEN_ENOSYS);
	EXPECT_EQ(UK_EINVAL, XEN_EINVAL);
}
