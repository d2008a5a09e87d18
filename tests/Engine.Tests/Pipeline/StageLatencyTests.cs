using System.Reflection;
using Engine.Metrics;
using Engine.Pipeline;
using Engine.Tests.Support;
using Engine.Timing;

namespace Engine.Tests.Pipeline;

/// <summary>
/// The engine thread's latency recorder hands readers interval histograms the writer has left, never the ones being
/// written (issue 13: the status thread reads interval histograms handed over by a recorder, never the live one).
/// </summary>
public sealed class StageLatencyTests
{
    // Record takes clock ticks; the expected nanoseconds go through the same conversion, never a guess about the clock.
    private static long Nanos(long ticks) => Math.Max(1, EngineClock.ElapsedNanos(0, ticks));

    private static void RecordEvent(StageLatency latency, long queueTicks, long endToEndTicks)
    {
        long critical = latency.BeginEvent();
        latency.Record(Stage.ReceivedToEngine, 0, queueTicks);
        latency.Record(Stage.ReceivedToDone, 0, endToEndTicks);
        latency.EndEvent(critical);
    }

    [Fact]
    public void SwapInterval_HandsOverWhatWasRecordedSinceTheLastSwap()
    {
        var latency = new StageLatency();
        RecordEvent(latency, 1_000, 50_000);
        RecordEvent(latency, 2_000, 70_000);
        latency.Record(Stage.SignalToOrder, 0, 9_000); // outside an event: its own critical section

        LatencyInterval first = latency.SwapInterval();
        Assert.Equal(2, first[Stage.ReceivedToEngine].TotalCount);
        Assert.Equal(2, first[Stage.ReceivedToDone].TotalCount);
        Assert.Equal(first[Stage.ReceivedToDone].HighestEquivalentValue(Nanos(70_000)), first[Stage.ReceivedToDone].MaxValue);
        Assert.Equal(1, first[Stage.SignalToOrder].TotalCount);
        Assert.Equal(0, first[Stage.Oms].TotalCount);
        Assert.False(first.RestartedAfterWarmup);
        Assert.True(first.EndUtc >= first.StartUtc);

        RecordEvent(latency, 3_000, 90_000);
        LatencyInterval second = latency.SwapInterval();
        Assert.Equal(1, second[Stage.ReceivedToDone].TotalCount);
        Assert.Equal(first.EndUtc, second.StartUtc); // intervals tile the run
        Assert.Equal(second[Stage.ReceivedToEngine].LowestEquivalentValue(Nanos(3_000)), second[Stage.ReceivedToEngine].MinValue);

        LatencyInterval third = latency.SwapInterval();
        Assert.Equal(0, third[Stage.ReceivedToDone].TotalCount); // the reused set was emptied before it went back to the writer
    }

    [Fact]
    public void RestartAfterWarmup_DropsTheIntervalSoFar_AndTotalsDropEveryEarlierInterval()
    {
        var latency = new StageLatency();
        var totals = new LatencyTotals();
        for (int i = 0; i < 5; i++)
        {
            RecordEvent(latency, 100, 1_000);
        }

        totals.Add(latency.SwapInterval());
        Assert.Equal(5, totals[Stage.ReceivedToDone].TotalCount);

        RecordEvent(latency, 100, 1_000);
        latency.RestartAfterWarmup();
        for (int i = 0; i < 3; i++)
        {
            RecordEvent(latency, 200, 2_000);
        }

        LatencyInterval warm = latency.SwapInterval();
        Assert.True(warm.RestartedAfterWarmup);
        Assert.Equal(3, warm[Stage.ReceivedToDone].TotalCount);
        totals.Add(warm);
        RecordEvent(latency, 300, 3_000);
        LatencyInterval after = latency.SwapInterval();
        Assert.False(after.RestartedAfterWarmup); // the mark went with the interval it was made in
        totals.Add(after);

        Assert.Equal(4, totals[Stage.ReceivedToDone].TotalCount);
        Assert.Equal(4, totals[Stage.ReceivedToEngine].TotalCount);
    }

    [Fact]
    public void SwapInterval_UnderAConcurrentWriter_HandsOverIntervalsThatNeverChange_AndSumToEveryRecordExactlyOnce()
    {
        const int MinimumEvents = 400_000;
        var latency = new StageLatency();
        var totals = new LatencyTotals();
        int finished = 0;
        int intervals = 0;
        long recorded = 0;
        var writer = new Thread(() =>
        {
            // At least three intervals are taken while the writer records, however the threads get scheduled.
            long i = 0;
            for (; i < MinimumEvents || Volatile.Read(ref intervals) < 3; i++)
            {
                RecordEvent(latency, (i % 1000) + 1, (i % 1500) + 1);
            }

            recorded = i;
            Volatile.Write(ref finished, 1);
        });
        writer.Start();

        while (Volatile.Read(ref finished) == 0)
        {
            Take(latency.SwapInterval());
        }

        writer.Join();
        Take(latency.SwapInterval()); // what the writer recorded after the last swap

        Assert.True(intervals >= 4, $"{intervals} intervals");
        Assert.Equal(recorded, totals[Stage.ReceivedToEngine].TotalCount);
        Assert.Equal(recorded, totals[Stage.ReceivedToDone].TotalCount);

        void Take(LatencyInterval interval)
        {
            // Both stages of an event are recorded inside one critical section: an interval holds both or neither.
            long queue = interval[Stage.ReceivedToEngine].TotalCount;
            long endToEnd = interval[Stage.ReceivedToDone].TotalCount;
            Assert.Equal(queue, endToEnd);

            // The writer keeps recording meanwhile; a histogram it still wrote into would grow under this read.
            Thread.Sleep(1);
            Assert.Equal(queue, interval[Stage.ReceivedToEngine].TotalCount);
            Assert.Equal(endToEnd, interval[Stage.ReceivedToDone].TotalCount);
            totals.Add(interval);
            Volatile.Write(ref intervals, intervals + 1);
        }
    }

    [Fact]
    public void RecordAndSwap_WarmPath_AllocateNothing()
    {
        var latency = new StageLatency();
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                RecordEvent(latency, i, i * 10L);
            }

            latency.Record(Stage.SignalToOrder, 0, 5_000);
            latency.RestartAfterWarmup();
            _ = latency.SwapInterval();
        });
    }

    [Fact]
    public void StageLatency_ExposesNoHistogram_OnlyIntervalsHandedOver()
    {
        // The live histograms are reachable only through SwapInterval, whose result the writer has left: no public
        // member of the recorder returns a histogram (or an array of them) that a cold thread could read mid-write.
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        IEnumerable<Type> exposed = typeof(StageLatency).GetProperties(Public).Select(p => p.PropertyType)
            .Concat(typeof(StageLatency).GetMethods(Public).Select(m => m.ReturnType))
            .Concat(typeof(StageLatency).GetFields(Public).Select(f => f.FieldType));
        Assert.DoesNotContain(exposed, t => t == typeof(Histogram[]) || (t == typeof(Histogram)));
        Assert.Equal(typeof(LatencyInterval), typeof(StageLatency).GetMethod(nameof(StageLatency.SwapInterval))!.ReturnType);
    }
}
