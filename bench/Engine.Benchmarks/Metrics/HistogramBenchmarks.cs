using BenchmarkDotNet.Attributes;
using Engine.Metrics;
using Engine.Pipeline;

namespace Engine.Benchmarks.Metrics;

// How much does recording one latency cost (target ≤ 2 ns/value), what does a percentile query cost, and how
// much memory does a 1 ns..1 h, 3-digit histogram take (target < 300 KB)?
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private const int Batch = 1024;
    private const int EdgeCount = 92;
    private const long OneHourNanos = 3_600_000_000_000;

    private readonly long[] _values = new long[Batch];
    private long[] _edges = null!;
    private Histogram _histogram = null!;
    private Histogram _populated = null!;
    private StageLatency _stages = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Log-normal around 20 µs, like a stage latency: spreads writes over several buckets as real data does.
        var random = new Random(42);
        for (int i = 0; i < Batch; i++)
        {
            double gaussian = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            _values[i] = (long)Math.Exp(Math.Log(20_000) + gaussian);
        }

        // The values the reference .NET HdrHistogram's recording benchmark uses: 2^k - 1, 2^k and 2^k + 1 for
        // k = 0..31, distinct and positive (92 values), so the two figures can be compared on the same data.
        var edges = new List<long>();
        for (int k = 0; k < 32; k++)
        {
            for (long value = (1L << k) - 1; value <= (1L << k) + 1; value++)
            {
                if (value > 0 && !edges.Contains(value))
                {
                    edges.Add(value);
                }
            }
        }

        _edges = [.. edges];
        if (_edges.Length != EdgeCount)
        {
            throw new InvalidOperationException($"expected {EdgeCount} bucket-edge values, generated {_edges.Length}");
        }

        _histogram = new Histogram(1, OneHourNanos, 3);
        _stages = new StageLatency();
        _populated = new Histogram(1, OneHourNanos, 3);
        for (int i = 0; i < 1_000_000; i++)
        {
            _populated.RecordValue(_values[i % Batch] + (i % 997));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void RecordValue()
    {
        long[] values = _values;
        Histogram histogram = _histogram;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]);
        }
    }

    /// <summary>The reference benchmark's data set (bucket edges); 92 values per invocation.</summary>
    [Benchmark(OperationsPerInvoke = EdgeCount)]
    public void RecordValueBucketEdges()
    {
        long[] values = _edges;
        Histogram histogram = _histogram;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void RecordValueWithCount()
    {
        long[] values = _values;
        Histogram histogram = _histogram;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValueWithCount(values[i], 3);
        }
    }

    /// <summary>The engine's path: stage records (clock ticks to ns, then the histogram) inside one timed event's critical section.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void RecordIntoStageLatency()
    {
        long[] values = _values;
        StageLatency stages = _stages;
        long critical = stages.BeginEvent();
        for (int i = 0; i < values.Length; i++)
        {
            stages.Record(Stage.Aggregation, 0, values[i]);
        }

        stages.EndEvent(critical);
    }

    [Benchmark]
    public long ValueAtPercentile99() => _populated.ValueAtPercentile(99);

    [Benchmark]
    public long ValueAtPercentile99_99() => _populated.ValueAtPercentile(99.99);

    [Benchmark]
    public double Mean() => _populated.Mean;

    /// <summary>Allocated bytes = the footprint: a 33,792-long counts array (270,336 bytes) plus the object.</summary>
    [Benchmark]
    public Histogram Construct1NanoTo1HourAt3Digits() => new(1, OneHourNanos, 3);
}
