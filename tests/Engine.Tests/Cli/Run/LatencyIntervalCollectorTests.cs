using Engine.Cli.Run;
using Engine.Pipeline;
using Engine.Timing;
using HdrHistogram;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// latency.hlog: one interval per status interval, each stage tagged with its name, read back with the HdrHistogram
/// package's own HistogramLogReader and compared with package histograms that recorded the same values directly.
/// </summary>
public sealed class LatencyIntervalCollectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-hlog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LogPath => Path.Combine(_dir, LatencyIntervalCollector.LogFileName);

    private static long Nanos(long ticks) => Math.Max(1, EngineClock.ElapsedNanos(0, ticks));

    private static LongHistogram NewReference() => new(1, StageLatency.HighestNanos, StageLatency.SignificantDigits);

    /// <summary>Records one timed event; the reference histograms record the same nanoseconds themselves.</summary>
    private static void Record(StageLatency latency, long queueTicks, long endToEndTicks, LongHistogram queue, LongHistogram endToEnd)
    {
        long critical = latency.BeginEvent();
        latency.Record(Stage.ReceivedToEngine, 0, queueTicks);
        latency.Record(Stage.ReceivedToDone, 0, endToEndTicks);
        latency.EndEvent(critical);
        queue.RecordValue(Nanos(queueTicks));
        endToEnd.RecordValue(Nanos(endToEndTicks));
    }

    private List<HistogramBase> ReadLog()
    {
        using FileStream stream = File.OpenRead(LogPath);
        using var reader = new HistogramLogReader(stream);
        return [.. reader.ReadHistograms()];
    }

    private static void AssertSame(LongHistogram expected, HistogramBase actual)
    {
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(expected.GetMaxValue(), actual.GetMaxValue());
        foreach (double p in new[] { 0.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0 })
        {
            Assert.Equal(expected.GetValueAtPercentile(p), actual.GetValueAtPercentile(p));
        }
    }

    [Fact]
    public void Hlog_SeveralIntervals_ReadBackByThePackage_GivesEachIntervalsCountsMaxAndPercentiles()
    {
        var latency = new StageLatency();
        var expectedQueue = new List<LongHistogram>();
        var expectedEndToEnd = new List<LongHistogram>();
        var random = new Random(7);
        using (var collector = new LatencyIntervalCollector(latency, LogPath, expectWarmup: false))
        {
            for (int interval = 0; interval < 4; interval++)
            {
                LongHistogram queue = NewReference(), endToEnd = NewReference();
                for (int i = 0; i < 1_000 * (interval + 1); i++)
                {
                    // Log-normal-ish spreads over several buckets; each interval a different scale.
                    long scale = 1_000L << (3 * interval);
                    Record(latency, 1 + random.Next(2_000), scale + (long)(scale * Math.Exp(random.NextDouble() * 3)), queue, endToEnd);
                }

                expectedQueue.Add(queue);
                expectedEndToEnd.Add(endToEnd);
                if (interval < 3)
                {
                    collector.Collect();
                }
            }

            collector.Complete(); // the last interval
            Assert.Equal(4, collector.Intervals);
        }

        // ASCII text without a byte-order mark, as the Java writer produces (the package itself writes UTF-16).
        Assert.All(File.ReadAllBytes(LogPath), b => Assert.InRange(b, (byte)0x0A, (byte)0x7E));
        List<HistogramBase> log = ReadLog();
        Assert.Equal(4 * StageLatency.StageCount, log.Count);
        Assert.Equal(Enum.GetValues<Stage>().Select(StageLatency.NameOf).Order(), log.Select(h => h.Tag).Distinct().Order());
        HistogramBase[] queueLog = [.. log.Where(h => h.Tag == "queue")];
        HistogramBase[] endToEndLog = [.. log.Where(h => h.Tag == "end-to-end")];
        for (int i = 0; i < 4; i++)
        {
            AssertSame(expectedQueue[i], queueLog[i]);
            AssertSame(expectedEndToEnd[i], endToEndLog[i]);
            Assert.True(endToEndLog[i].EndTimeStamp >= endToEndLog[i].StartTimeStamp);
        }

        Assert.All(log.Where(h => h.Tag is not ("queue" or "end-to-end")), h => Assert.Equal(0, h.TotalCount));
    }

    [Fact]
    public void Hlog_WithAWarmup_StartsAtTheIntervalTheWarmupEndedIn_AndSumsToTheTotals()
    {
        var latency = new StageLatency();
        LongHistogram ignoredQueue = NewReference(), ignoredEndToEnd = NewReference();
        LongHistogram queue = NewReference(), endToEnd = NewReference();
        using var collector = new LatencyIntervalCollector(latency, LogPath, expectWarmup: true);
        Record(latency, 500_000, 900_000, ignoredQueue, ignoredEndToEnd); // warm-up, a slow first event
        collector.Collect();
        Record(latency, 400_000, 800_000, ignoredQueue, ignoredEndToEnd);
        latency.RestartAfterWarmup();
        Record(latency, 100, 2_000, queue, endToEnd);
        collector.Collect();
        Record(latency, 300, 4_000, queue, endToEnd);
        collector.Complete();

        List<HistogramBase> log = ReadLog();
        HistogramBase[] endToEndLog = [.. log.Where(h => h.Tag == "end-to-end")];
        Assert.Equal(2, endToEndLog.Length); // the interval the warm-up ended in, and the last
        var sum = NewReference();
        foreach (HistogramBase h in endToEndLog)
        {
            sum.Add(h);
        }

        AssertSame(endToEnd, sum);
        Assert.Equal(endToEnd.TotalCount, collector.Totals[Stage.ReceivedToDone].TotalCount);
        Assert.Equal(endToEnd.GetMaxValue(), collector.Totals[Stage.ReceivedToDone].MaxValue);
    }

    [Fact]
    public void Hlog_RunShorterThanItsWarmup_HoldsOneIntervalPerStageWithEverything()
    {
        var latency = new StageLatency();
        LongHistogram queue = NewReference(), endToEnd = NewReference();
        using var collector = new LatencyIntervalCollector(latency, LogPath, expectWarmup: true);
        Record(latency, 100, 2_000, queue, endToEnd);
        collector.Collect();
        Record(latency, 300, 4_000, queue, endToEnd);
        collector.Complete();

        List<HistogramBase> log = ReadLog();
        Assert.Equal(StageLatency.StageCount, log.Count);
        AssertSame(endToEnd, log.Single(h => h.Tag == "end-to-end"));
        AssertSame(queue, log.Single(h => h.Tag == "queue"));
    }

    [Fact]
    public void LastIntervalP99_DescribesTheLastIntervalOnly()
    {
        var latency = new StageLatency();
        LongHistogram q = NewReference(), first = NewReference(), second = NewReference();
        using var collector = new LatencyIntervalCollector(latency, LogPath, expectWarmup: false);
        Assert.Equal(-1, collector.LastIntervalP99Nanos);
        for (int i = 0; i < 1_000; i++)
        {
            Record(latency, 10, 1_000_000, q, first); // slow interval
        }

        collector.Collect();
        Assert.Equal(first.GetValueAtPercentile(99), collector.LastIntervalP99Nanos);
        for (int i = 0; i < 1_000; i++)
        {
            Record(latency, 10, 1_000 + i, q, second); // fast interval
        }

        collector.Collect();
        Assert.Equal(second.GetValueAtPercentile(99), collector.LastIntervalP99Nanos);
        collector.Collect();
        Assert.Equal(-1, collector.LastIntervalP99Nanos); // nothing timed in that interval
        collector.Complete();
    }

    /// <summary>
    /// The soak's linear heap growth: each status interval must not leave garbage in proportion to the histograms'
    /// size (the package's writer allocated buffers of a histogram's full encoded size, Large Object Heap, per stage per
    /// interval). Once the first intervals have sized the writer's buffers, an interval of all stages allocates less than
    /// a quarter of one stage histogram's counts array.
    /// </summary>
    [Fact]
    public void Collect_AfterTheFirstIntervals_AllocatesLessPerIntervalThanAQuarterOfOneHistogramsCounts()
    {
        var latency = new StageLatency();
        LongHistogram queue = NewReference(), endToEnd = NewReference();
        var random = new Random(11);
        using var collector = new LatencyIntervalCollector(latency, LogPath, expectWarmup: false);
        void OneInterval()
        {
            for (int i = 0; i < 2_000; i++)
            {
                Record(latency, 1 + random.Next(200_000), 1 + random.Next(50_000_000), queue, endToEnd);
            }

            collector.Collect();
        }

        for (int i = 0; i < 3; i++)
        {
            OneInterval(); // sizes the writer's reused buffers
        }

        const int intervals = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < intervals; i++)
        {
            OneInterval();
        }

        long perInterval = (GC.GetAllocatedBytesForCurrentThread() - before) / intervals;
        long countsBytes = (long)StageLatency.NewHistogram().CountsArrayLength * sizeof(long);
        Assert.True(perInterval < countsBytes / 4, $"{perInterval} bytes allocated per interval; one histogram's counts are {countsBytes} bytes");
        collector.Complete();
        Assert.Equal((intervals + 4) * StageLatency.StageCount, ReadLog().Count);
    }

    /// <summary>
    /// The line's text before the payload (tag, start, length, max) is what the package's own writer produces for the
    /// same interval, and the payload decodes with the package to the same counts.
    /// </summary>
    [Fact]
    public void IntervalLogLine_FieldsMatchThePackagesWriter_AndThePayloadDecodesToTheSameHistogram()
    {
        var source = StageLatency.NewHistogram();
        var random = new Random(5);
        for (int i = 0; i < 5_000; i++)
        {
            source.RecordValue(1 + random.Next(3_000_000));
        }

        var start = new DateTime(2026, 12, 4, 10, 0, 0, 123, DateTimeKind.Utc);
        DateTime end = start.AddSeconds(10.5);
        using (var writer = new Engine.Metrics.Reporting.IntervalLogWriter(LogPath, start))
        {
            writer.Append("end-to-end", source, start, end);
        }

        LongHistogram reference = Engine.Metrics.Reporting.HdrHistogramExport.ToLongHistogram(source);
        reference.Tag = "end-to-end";
        reference.StartTimeStamp = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        reference.EndTimeStamp = new DateTimeOffset(end).ToUnixTimeMilliseconds();
        using var utf16 = new MemoryStream();
        using (var package = new HistogramLogWriter(utf16))
        {
            package.Append(reference);
        }

        string expected = System.Text.Encoding.Unicode.GetString(utf16.ToArray())
            .Split('\n').Single(l => l.StartsWith("Tag=", StringComparison.Ordinal)).TrimEnd('\r');
        string actual = File.ReadAllLines(LogPath).Single(l => l.StartsWith("Tag=", StringComparison.Ordinal));
        Assert.Equal(expected[..expected.LastIndexOf(',')], actual[..actual.LastIndexOf(',')]);
        AssertSame(reference, ReadLog().Single());
    }
}
