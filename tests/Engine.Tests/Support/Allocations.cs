namespace Engine.Tests.Support;

/// <summary>Measures bytes allocated by the current thread around an action (warm it up first).</summary>
public static class Allocations
{
    public static long Measure(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Runs <paramref name="action"/> once to warm up, then asserts a second run allocates nothing.</summary>
    public static void AssertZero(Action action)
    {
        action();
        long bytes = Measure(action);
        Assert.True(bytes == 0, $"expected zero bytes allocated on the warm path, saw {bytes}");
    }
}
