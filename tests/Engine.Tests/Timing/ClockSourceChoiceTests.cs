using Engine.Interop;
using Engine.Timing;

namespace Engine.Tests.Timing;

public class ClockSourceChoiceTests
{
    private static readonly HashSet<string> InvariantFlags = ["fpu", "tsc", "constant_tsc", "nonstop_tsc", "rdtscp"];
    private static readonly HashSet<string> ConstantOnlyFlags = ["fpu", "tsc", "constant_tsc"];

    [Fact]
    public void Decide_WhenNativeLibraryMissing_UsesStopwatchAndSaysWhy()
    {
        var choice = ClockSourceChoice.Decide(false, "libengine_native.so not found", NativeMethods.CounterX86Tsc, true, InvariantFlags);

        Assert.False(choice.UseCounter);
        Assert.Contains("not found", choice.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WhenForcedToStopwatch_UsesStopwatchEvenOnInvariantTsc()
    {
        var choice = ClockSourceChoice.Decide(true, null, NativeMethods.CounterX86Tsc, true, InvariantFlags);

        Assert.False(choice.UseCounter);
        Assert.Contains("ENGINE_CLOCK", choice.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "invariant", true)]          // CPUID and kernel agree
    [InlineData(false, "invariant", true)]         // CPUID leaf hidden by the hypervisor, kernel knows
    [InlineData(true, "constant-only", false)]     // kernel distrusts the TSC: believe it
    [InlineData(false, "constant-only", false)]    // neither says invariant
    [InlineData(true, "unreadable", true)]         // no /proc/cpuinfo: CPUID alone decides
    [InlineData(false, "unreadable", false)]
    public void Decide_OnX86_UsesTscOnlyWhenInvariant(bool cpuidInvariant, string flags, bool expectCounter)
    {
        IReadOnlySet<string>? cpuFlags = flags switch
        {
            "invariant" => InvariantFlags,
            "constant-only" => ConstantOnlyFlags,
            _ => null,
        };

        var choice = ClockSourceChoice.Decide(false, null, NativeMethods.CounterX86Tsc, cpuidInvariant, cpuFlags);

        Assert.Equal(expectCounter, choice.UseCounter);
        Assert.False(string.IsNullOrWhiteSpace(choice.Detail));
    }

    [Fact]
    public void Decide_OnArm_UsesTheVirtualCounter()
    {
        Assert.True(ClockSourceChoice.Decide(false, null, NativeMethods.CounterArmCntvct, true, null).UseCounter);
    }

    [Theory]
    [InlineData(NativeMethods.CounterClockGettime)]
    [InlineData(0)]
    [InlineData(99)]
    public void Decide_WithoutAHardwareCounter_UsesStopwatch(int counterKind)
    {
        Assert.False(ClockSourceChoice.Decide(false, null, counterKind, true, InvariantFlags).UseCounter);
    }
}
