using System.Runtime.ExceptionServices;
using Engine.Interop;

namespace Engine.Tests.Interop;

// Every test that changes a thread's affinity or scheduling does it on a thread of its own, which then ends,
// so the test runner's pool threads are never left pinned or real-time.
public class ThreadAffinityTests
{
    [Fact]
    public void TryPinCurrentThread_ToCpu0_RestrictsThreadToCpu0()
    {
        OnOwnThread(() =>
        {
            bool pinned = ThreadAffinity.TryPinCurrentThread(0, out string? error);

            if (!ThreadAffinity.NativeAvailable)
            {
                Assert.False(pinned);
                Assert.Contains("not available", error, StringComparison.Ordinal);
                return;
            }

            Assert.True(pinned, error);
            Assert.Null(error);
            Assert.Equal([0], ThreadStatus.AllowedCpus());
        });
    }

    [Fact]
    public void TryPinCurrentThread_ToEveryAllowedCpu_AllowsExactlyThoseCpus()
    {
        OnOwnThread(() =>
        {
            int[] allowed = ThreadStatus.AllowedCpus();
            bool pinned = ThreadAffinity.TryPinCurrentThread(allowed, out string? error);

            Assert.Equal(ThreadAffinity.NativeAvailable, pinned);
            if (pinned)
            {
                Assert.Equal(allowed, ThreadStatus.AllowedCpus());
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        });
    }

    [Fact]
    public void TryPinCurrentThread_ToNonexistentCpu_ReturnsFalseWithReasonAndKeepsAffinity()
    {
        OnOwnThread(() =>
        {
            int[] before = ThreadStatus.AllowedCpus();

            bool pinned = ThreadAffinity.TryPinCurrentThread(4096, out string? error);

            Assert.False(pinned);
            Assert.NotNull(error);
            Assert.Contains("CPU 4096", error, StringComparison.Ordinal);
            if (ThreadAffinity.NativeAvailable)
            {
                Assert.Contains("errno 22", error, StringComparison.Ordinal); // EINVAL: no CPU of the set is online
                Assert.Contains("does not exist", error, StringComparison.Ordinal);
            }

            Assert.Equal(before, ThreadStatus.AllowedCpus());
        });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void TryPinCurrentThread_ToNegativeCpu_ReturnsFalseWithReason(int cpu)
    {
        bool pinned = ThreadAffinity.TryPinCurrentThread(cpu, out string? error);

        Assert.False(pinned);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryPinCurrentThread_ToEmptySet_ReturnsFalseWithReason()
    {
        bool pinned = ThreadAffinity.TryPinCurrentThread(ReadOnlySpan<int>.Empty, out string? error);

        Assert.False(pinned);
        Assert.Contains("no CPU", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLockMemory_EitherLocksPagesOrExplainsRefusal()
    {
        bool locked = ThreadAffinity.TryLockMemory(out string? error);
        try
        {
            if (locked)
            {
                Assert.Null(error);
                Assert.True(ThreadStatus.ProcessLockedKilobytes() > 0, "mlockall succeeded but VmLck is 0");
            }
            else
            {
                Assert.NotNull(error);
                Assert.Contains(ThreadAffinity.NativeAvailable ? "refused by the OS" : "not available", error, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (locked)
            {
                Assert.True(ThreadAffinity.TryUnlockMemory(out string? unlockError), unlockError);
                Assert.Equal(0, ThreadStatus.ProcessLockedKilobytes());
            }
        }
    }

    [Fact]
    public void TryRaiseToRealtimePriority_EitherSwitchesToFifoOrExplainsRefusal()
    {
        OnOwnThread(() =>
        {
            bool raised = ThreadAffinity.TryRaiseToRealtimePriority(10, out string? error);
            if (!raised)
            {
                Assert.NotNull(error);
                Assert.Contains("SCHED_FIFO 10", error, StringComparison.Ordinal);
                Assert.Equal(ThreadStatus.SchedOther, ThreadStatus.Policy());
                return;
            }

            try
            {
                Assert.Null(error);
                Assert.Equal(ThreadStatus.SchedFifo, ThreadStatus.Policy());
            }
            finally
            {
                Assert.True(ThreadAffinity.TryRestoreNormalPriority(out string? restoreError), restoreError);
            }

            Assert.Equal(ThreadStatus.SchedOther, ThreadStatus.Policy());
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void TryRaiseToRealtimePriority_OutsideFifoRange_ReturnsFalseWithReason(int priority)
    {
        OnOwnThread(() =>
        {
            bool raised = ThreadAffinity.TryRaiseToRealtimePriority(priority, out string? error);

            Assert.False(raised);
            Assert.NotNull(error);
            if (ThreadAffinity.NativeAvailable)
            {
                Assert.Contains("between 1 and 99", error, StringComparison.Ordinal);
            }

            Assert.Equal(ThreadStatus.SchedOther, ThreadStatus.Policy());
        });
    }

    private static void OnOwnThread(Action body)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
