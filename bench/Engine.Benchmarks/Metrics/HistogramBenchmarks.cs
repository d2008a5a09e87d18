using BenchmarkDotNet.Attributes;
using Engine.Metrics;
using Engine.Pipeline;

namespace Engine.Benchmarks.Metrics;

// How much does recording one latency cost (target ≤ 2 ns/value), what does a percentile query cost, and how
// much memory does a 1 ns..1 h, 3-digit histogram take (target < 300 KB)?
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private const int Batch = LatencyData.Batch;
    private const int EdgeCount = LatencyData.EdgeCount;
    private const long OneHourNanos = LatencyData.OneHourNanos;

    private long[] _values = null!;
    private long[] _edges = null!;
    private Histogram _histogram = null!;
    private Histogram _populated = null!;
    private StageLatency _stages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _values = LatencyData.LogNormal();
        _edges = LatencyData.BucketEdges();
        _histogram = new Histogram(1, OneHourNanos, 3);
        _stages = new StageLatency();
        _populated = new Histogram(1, OneHourNanos, 3);
        for (int i = 0; i < LatencyData.PopulatedCount; i++)
        {
            _populated.RecordValue(LatencyData.PopulatedValue(_values, i));
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
