using System.Buffers.Binary;
using System.IO.Compression;
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
    /// The soak's heap: an interval taken in (swap, totals, p99, one latency.hlog line per stage) allocates nothing once
    /// the first has run, even when later intervals hold far longer latencies, and so far longer lines, than any before
    /// (the soak's heap stepped up by 350 KB when a slow interval outgrew the line buffers). The package's writer had
    /// allocated buffers of a histogram's full encoded size per stage per interval (the heap grew ~1.3 MB/s).
    /// </summary>
    [Fact]
    public void Collect_AfterTheFirstInterval_AllocatesNothing_EvenForLongerLines()
    {
        var latency = new StageLatency();
        LongHistogram queue = NewReference(), endToEnd = NewReference();
        var random = new Random(11);
        using var collector = new LatencyIntervalCollector(latency, LogPath, expectWarmup: false);
        void RecordInterval(int longest)
        {
            for (int i = 0; i < 2_000; i++)
            {
                Record(latency, 1 + random.Next(longest / 100), 1 + random.Next(longest), queue, endToEnd);
            }
        }

        RecordInterval(200_000); // fast: short lines
        collector.Collect();

        // The thread's allocation counter can be off across a collection another test's thread starts meanwhile (the
        // suite runs classes in parallel; see Allocations): an interval during which a GC ran is not counted, and most
        // must be. The few KB one interval once showed with no collection counted (5,096 bytes in a CI run) were a
        // background collection's pauses; the tests now run with concurrent GC off, so every counted interval must
        // show 0 B. A buffer that grows with the lines, the defect this test is for, allocates in every interval that
        // sets a new longest line: half of them here.
        const int intervals = 20;
        int measured = 0;
        var allocating = new List<string>();
        for (int i = 0; i < intervals; i++)
        {
            RecordInterval(200_000 << (i / 2)); // up to about 100 s: ever longer lines
            int collections = GC.CollectionCount(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            collector.Collect();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (GC.CollectionCount(0) == collections)
            {
                measured++;
                if (bytes != 0)
                {
                    allocating.Add($"interval {i}: {bytes} bytes");
                }
            }
        }

        Assert.True(measured >= intervals / 2, $"only {measured} of {intervals} intervals ran without a collection");
        Assert.True(allocating.Count == 0, $"{allocating.Count} of {measured} intervals allocated: {string.Join("; ", allocating)}");
        collector.Complete();
        Assert.Equal((intervals + 2) * StageLatency.StageCount, ReadLog().Count);
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

    /// <summary>Adler-32 against published values: RFC 1950's empty input (1), and "Wikipedia" = 0x11E60398.</summary>
    [Theory]
    [InlineData("", 0x00000001u)]
    [InlineData("Wikipedia", 0x11E60398u)]
    public void Adler32_MatchesPublishedValues(string text, uint expected) =>
        Assert.Equal(expected, Engine.Metrics.Reporting.IntervalLogWriter.Adler32(System.Text.Encoding.ASCII.GetBytes(text)));

    /// <summary>
    /// A histogram whose encoding spans several stored deflate blocks (every bucket up to 60 s counted: over 64 KB) inflates through .NET's ZLibStream, which checks the Adler-32, to the V2 encoding of exactly the source's
    /// counts (decoded here from the format's description: ZigZag LEB128, a negative word a run of empty slots). The
    /// package's reader cannot be the judge at this size: it inflates with a single Read, which yields what the first
    /// 8 KB of zlib input hold, and so refuses any line longer than that, compressed or not.
    /// </summary>
    [Fact]
    public void IntervalLogLine_LongerThanOneStoredBlock_InflatesWithItsChecksum_ToEveryCount()
    {
        var source = StageLatency.NewHistogram();
        for (long v = 1; v <= StageLatency.HighestNanos; v += 1 + (v / 4_096))
        {
            source.RecordValueWithCount(v, 20_000 + (v % 100_000)); // three bytes a bucket
        }

        var start = new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);
        using (var writer = new Engine.Metrics.Reporting.IntervalLogWriter(LogPath, start))
        {
            writer.Append("end-to-end", source, start, start.AddSeconds(10));
        }

        string line = File.ReadAllLines(LogPath).Single(l => l.StartsWith("Tag=", StringComparison.Ordinal));
        byte[] payload = Convert.FromBase64String(line[(line.LastIndexOf(',') + 1)..]);
        int compressedLength = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4));
        Assert.Equal(0x1c849314, BinaryPrimitives.ReadInt32BigEndian(payload));
        Assert.Equal(payload.Length - 8, compressedLength);
        Assert.True(compressedLength > 65_535 + 100, $"the encoding spans {compressedLength} bytes: more than one stored block");
        var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(payload, 8, compressedLength), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated); // throws on a wrong Adler-32
        }

        byte[] encoding = inflated.ToArray();
        Assert.Equal(0x1c849313, BinaryPrimitives.ReadInt32BigEndian(encoding));
        Assert.Equal(encoding.Length - 40, BinaryPrimitives.ReadInt32BigEndian(encoding.AsSpan(4)));
        Assert.Equal(StageLatency.SignificantDigits, BinaryPrimitives.ReadInt32BigEndian(encoding.AsSpan(12)));
        Assert.Equal(StageLatency.HighestNanos, BinaryPrimitives.ReadInt64BigEndian(encoding.AsSpan(24)));
        long[] counts = DecodeCounts(encoding.AsSpan(40), source.CountsArrayLength);
        for (int i = 0; i < counts.Length; i++)
        {
            Assert.Equal(source.CountAtIndex(i), counts[i]);
        }
    }

    /// <summary>The V2 counts: ZigZag LEB128 words (9 bytes at most, the 9th whole), a negative word n = -n empty slots.</summary>
    private static long[] DecodeCounts(ReadOnlySpan<byte> words, int length)
    {
        var counts = new long[length];
        int slot = 0, at = 0;
        while (at < words.Length)
        {
            ulong raw = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = words[at++];
                if (shift == 56)
                {
                    raw |= (ulong)b << 56;
                    break;
                }

                raw |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            long value = (long)(raw >> 1) ^ -(long)(raw & 1);
            if (value < 0)
            {
                slot += (int)-value;
            }
            else
            {
                counts[slot++] = value;
            }
        }

        return counts;
    }
}
