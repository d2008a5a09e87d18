using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Interop;

/// <summary>
/// The one door to libengine_native.so (native/): blittable <c>[LibraryImport]</c> signatures, each returning 0 or an errno.
/// Callers check <see cref="NativeLibraryStatus.IsLoaded"/> first; a missing library would throw DllNotFoundException here.
/// </summary>
internal static partial class NativeMethods
{
    /// <summary>Probed as libengine_native.so beside Engine.Core.dll, then on the OS search path.</summary>
    internal const string LibraryName = "engine_native";

    /// <summary>Must equal EN_ABI_VERSION in native/include/engine_native.h.</summary>
    internal const int ExpectedAbiVersion = 1;

    // Values of EN_COUNTER_* in engine_native.h.
    internal const int CounterX86Tsc = 1;
    internal const int CounterArmCntvct = 2;
    internal const int CounterClockGettime = 3;

    [LibraryImport(LibraryName, EntryPoint = "en_abi_version")]
    internal static partial int AbiVersion();

    [LibraryImport(LibraryName, EntryPoint = "en_pin_current_thread")]
    internal static unsafe partial int PinCurrentThread(int* cpus, int count);

    [LibraryImport(LibraryName, EntryPoint = "en_lock_memory")]
    internal static partial int LockMemory();

    [LibraryImport(LibraryName, EntryPoint = "en_unlock_memory")]
    internal static partial int UnlockMemory();

    [LibraryImport(LibraryName, EntryPoint = "en_set_realtime_priority")]
    internal static partial int SetRealtimePriority(int priority);

    [LibraryImport(LibraryName, EntryPoint = "en_set_normal_priority")]
    internal static partial int SetNormalPriority();

    // A few instructions, no syscall, no blocking, no callback: the conditions under which skipping the
    // GC transition is safe. It saves the cooperative/preemptive mode switch (see ClockBenchmarks).
    [LibraryImport(LibraryName, EntryPoint = "en_read_counter")]
    [SuppressGCTransition]
    internal static partial ulong ReadCounter();

    [LibraryImport(LibraryName, EntryPoint = "en_read_counter_ordered")]
    [SuppressGCTransition]
    internal static partial ulong ReadCounterOrdered();

    /// <summary>The same entry point as <see cref="ReadCounter"/> with an ordinary GC transition; for ClockBenchmarks only.</summary>
    [LibraryImport(LibraryName, EntryPoint = "en_read_counter")]
    internal static partial ulong ReadCounterWithGcTransition();

    [LibraryImport(LibraryName, EntryPoint = "en_counter_kind")]
    internal static partial int CounterKind();

    [LibraryImport(LibraryName, EntryPoint = "en_counter_invariant")]
    internal static partial int CounterInvariant();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe int PinCurrentThread(ReadOnlySpan<int> cpus)
    {
        fixed (int* first = cpus)
        {
            return PinCurrentThread(first, cpus.Length);
        }
    }
}
