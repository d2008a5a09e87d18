namespace Engine.Tests.Support;

/// <summary>
/// Measures bytes allocated by the current thread around an action (warm it up first). The thread's counter is exact
/// only across a window in which the runtime did not stop the threads: a collection (ours or another test's) or a
/// background collection's pauses settle every thread's allocation context and count its unused tail, up to one
/// allocation quantum (a few KB), as allocated. The test project runs with concurrent GC off (as the engine does), so
/// only a counted collection can do it, and <see cref="AssertZero"/> measures again when one ran.
/// </summary>
public static class Allocations
{
    /// <summary>Windows <see cref="AssertZero"/> tries before it gives up on finding one without a collection.</summary>
    public const int Tries = 5;

    public static long Measure(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once to warm up, then asserts that a run allocates nothing: the first measured run
    /// during which no collection ran must count 0 B (a run with one is measured again, up to <see cref="Tries"/>).
    /// </summary>
    public static void AssertZero(Action action)
    {
        action();
        for (int i = 0; i < Tries; i++)
        {
            int collections = GC.CollectionCount(0);
            long bytes = Measure(action);
            if (GC.CollectionCount(0) == collections)
            {
                Assert.True(bytes == 0, $"expected zero bytes allocated on the warm path, saw {bytes}");
                return;
            }
        }

        Assert.Fail($"a collection ran during each of {Tries} measured runs: none could be counted");
    }
}
