namespace Engine.Tests.Support;

/// <summary>Measures bytes allocated by the current thread around an action (warm it up first).</summary>
public static class Allocations
{
    /// <summary>Measured runs <see cref="AssertZero"/> allows before it fails.</summary>
    public const int Tries = 3;

    public static long Measure(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once to warm up, then asserts that a run allocates nothing: one of up to
    /// <see cref="Tries"/> measured runs must count 0 B. The thread's counter now and then shows a few KB the runtime
    /// accounts to the thread with nothing of ours allocating (one trade of a replayed walk, a different one each replay,
    /// no collection counted: <c>Oms.AllocationTests</c>); an allocation of the action's is in every run of it.
    /// </summary>
    public static void AssertZero(Action action)
    {
        action();
        var counted = new List<long>(Tries);
        for (int i = 0; i < Tries; i++)
        {
            long bytes = Measure(action);
            if (bytes == 0)
            {
                return;
            }

            counted.Add(bytes);
        }

        Assert.Fail($"expected zero bytes allocated on the warm path, saw {string.Join(", ", counted)} in {Tries} runs");
    }
}
