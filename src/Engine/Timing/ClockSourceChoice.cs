using Engine.Interop;

namespace Engine.Timing;

/// <summary>
/// Whether <see cref="EngineClock"/> may read the hardware counter, and why; a pure decision over what the machine reports,
/// so every branch is testable without that machine.
/// </summary>
internal readonly record struct ClockSourceChoice(bool UseCounter, string Detail)
{
    public const string InvariantFlag = "constant_tsc";
    public const string NonStopFlag = "nonstop_tsc";

    /// <param name="forceStopwatch">ENGINE_CLOCK=stopwatch was set.</param>
    /// <param name="nativeFailure">Why libengine_native.so is unusable, or null when it loaded.</param>
    /// <param name="counterKind">en_counter_kind (NativeMethods.Counter*); ignored when the library is missing.</param>
    /// <param name="cpuidInvariant">CPUID 80000007H EDX[8] as the library read it.</param>
    /// <param name="cpuFlags">/proc/cpuinfo flags, or null when unreadable.</param>
    public static ClockSourceChoice Decide(bool forceStopwatch, string? nativeFailure, int counterKind, bool cpuidInvariant, IReadOnlySet<string>? cpuFlags)
    {
        if (forceStopwatch)
        {
            return new(false, "ENGINE_CLOCK=stopwatch");
        }

        if (nativeFailure is not null)
        {
            return new(false, nativeFailure);
        }

        switch (counterKind)
        {
            case NativeMethods.CounterArmCntvct:
                return new(true, "aarch64 virtual counter cntvct_el0, constant rate by architecture");
            case NativeMethods.CounterClockGettime:
                return new(false, "this CPU has no cheap counter the library can read; Stopwatch reads the same monotonic clock");
            case NativeMethods.CounterX86Tsc:
                break;
            default:
                return new(false, $"unknown counter kind {counterKind} from libengine_native.so");
        }

        bool? kernelInvariant = cpuFlags is null ? null : cpuFlags.Contains(InvariantFlag) && cpuFlags.Contains(NonStopFlag);
        return (cpuidInvariant, kernelInvariant) switch
        {
            (true, true) => new(true, "invariant TSC (CPUID 80000007H EDX[8]; /proc/cpuinfo constant_tsc nonstop_tsc)"),
            (true, null) => new(true, "invariant TSC (CPUID 80000007H EDX[8]; /proc/cpuinfo unreadable)"),
            // Some hypervisors hide the leaf but the kernel knows better (it may also have been told by the hypervisor).
            (false, true) => new(true, "invariant TSC per /proc/cpuinfo constant_tsc nonstop_tsc (CPUID leaf hidden)"),
            // The kernel clears these flags when it distrusts the TSC; believe it over the raw CPUID bit.
            (true, false) => new(false, "CPUID reports an invariant TSC but /proc/cpuinfo lacks constant_tsc or nonstop_tsc"),
            _ => new(false, "the TSC is not invariant (no CPUID 80000007H EDX[8], no constant_tsc and nonstop_tsc)"),
        };
    }
}
