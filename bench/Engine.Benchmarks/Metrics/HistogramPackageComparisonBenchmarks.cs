using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HdrHistogram;
using EngineHistogram = Engine.Metrics.Histogram;

namespace Engine.Benchmarks.Metrics;

/// <summary>
/// The engine's own histogram against the HdrHistogram package (2.5.0, <see cref="LongHistogram"/>) at the same
/// settings: 3 significant digits over 1 ns..1 h in ns, on the same data, in one run. Each category pairs the two;
/// the engine's own is the baseline, so Ratio is package / own. Footprint: the Construct benchmarks allocate exactly
/// one histogram, so their Allocated column is each histogram's size in bytes.
/// Run: <c>dotnet run -c Release --project bench/Engine.Benchmarks -- --filter '*HistogramPackageComparison*' --job Medium</c>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class HistogramPackageComparisonBenchmarks
{
    private const int Batch = LatencyData.Batch;
    private const int EdgeCount = LatencyData.EdgeCount;
    private const long OneHourNanos = LatencyData.OneHourNanos;

    private long[] _logNormal = null!;
    private long[] _edges = null!;
    private EngineHistogram _own = null!;
    private LongHistogram _package = null!;
    private EngineHistogram _ownPopulated = null!;
    private LongHistogram _packagePopulated = null!;

    [GlobalSetup]
    public void Setup()
    {
        _logNormal = LatencyData.LogNormal();
        _edges = LatencyData.BucketEdges();
        _own = new EngineHistogram(1, OneHourNanos, 3);
        _package = new LongHistogram(1, OneHourNanos, 3);
        _ownPopulated = new EngineHistogram(1, OneHourNanos, 3);
        _packagePopulated = new LongHistogram(1, OneHourNanos, 3);
        for (int i = 0; i < LatencyData.PopulatedCount; i++)
        {
            long value = LatencyData.PopulatedValue(_logNormal, i);
            _ownPopulated.RecordValue(value);
            _packagePopulated.RecordValue(value);
        }

        // Both must agree on the query they are timed on, or the comparison means nothing.
        long own = _ownPopulated.ValueAtPercentile(99.9);
        long package = _packagePopulated.GetValueAtPercentile(99.9);
        if (own != package)
        {
            throw new InvalidOperationException($"p99.9 differs: own {own}, package {package}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("RecordLogNormal")]
    public void OwnRecordLogNormal()
    {
        long[] values = _logNormal;
        EngineHistogram histogram = _own;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("RecordLogNormal")]
    public void PackageRecordLogNormal()
    {
        long[] values = _logNormal;
        LongHistogram histogram = _package;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EdgeCount)]
    [BenchmarkCategory("RecordBucketEdges")]
    public void OwnRecordBucketEdges()
    {
        long[] values = _edges;
        EngineHistogram histogram = _own;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = EdgeCount)]
    [BenchmarkCategory("RecordBucketEdges")]
    public void PackageRecordBucketEdges()
    {
        long[] values = _edges;
        LongHistogram histogram = _package;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("RecordWithCount")]
    public void OwnRecordWithCount()
    {
        long[] values = _logNormal;
        EngineHistogram histogram = _own;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValueWithCount(values[i], 3);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("RecordWithCount")]
    public void PackageRecordWithCount()
    {
        long[] values = _logNormal;
        LongHistogram histogram = _package;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValueWithCount(values[i], 3);
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ValueAtPercentile99.9")]
    public long OwnValueAtPercentile() => _ownPopulated.ValueAtPercentile(99.9);

    [Benchmark]
    [BenchmarkCategory("ValueAtPercentile99.9")]
    public long PackageValueAtPercentile() => _packagePopulated.GetValueAtPercentile(99.9);

    /// <summary>Allocated = the own histogram's footprint (counts array plus the object).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Footprint")]
    public EngineHistogram OwnConstruct() => new(1, OneHourNanos, 3);

    /// <summary>Allocated = the package histogram's footprint (its GetEstimatedFootprintInBytes counts the array only).</summary>
    [Benchmark]
    [BenchmarkCategory("Footprint")]
    public LongHistogram PackageConstruct() => new(1, OneHourNanos, 3);
}
