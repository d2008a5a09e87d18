using BenchmarkDotNet.Attributes;
using Engine.Market;
using Engine.Model;

namespace Engine.Benchmarks.Market;

// What does one real trade cost through time aggregation plus volume bars, against the floor of just reading it?
[MemoryDiagnoser]
public class MarketStagesBenchmarks
{
    private const string File = "futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz";
    private const int TradeCount = 21_313; // rows in that file (data README)

    private Trade[] _trades = [];
    private TimeAggregator _aggregator = null!;
    private VolumeBarBuilder _bars = null!;
    private CountingSink _sink;

    [GlobalSetup]
    public void Setup()
    {
        _trades = TradeFile.Load(File);
        if (_trades.Length != TradeCount)
        {
            throw new InvalidOperationException($"expected {TradeCount} trades, loaded {_trades.Length}");
        }

        _aggregator = new TimeAggregator(new SymbolId(0));
        _bars = VolumeBarBuilder.ForBaseVolume(new SymbolId(0), VolumeBarBuilder.DefaultBaseThreshold);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TradeCount)]
    public long SumQuantities()
    {
        Trade[] trades = _trades;
        long sum = 0;
        for (int i = 0; i < trades.Length; i++)
        {
            sum += trades[i].Quantity.E8;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long Aggregation()
    {
        Trade[] trades = _trades;
        _aggregator.Reset();
        for (int i = 0; i < trades.Length; i++)
        {
            _aggregator.OnTrade(in trades[i], ref _sink);
        }

        _aggregator.Flush(ref _sink);
        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long VolumeBars()
    {
        Trade[] trades = _trades;
        _bars.Reset();
        for (int i = 0; i < trades.Length; i++)
        {
            _bars.OnTrade(in trades[i], ref _sink);
        }

        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long AggregationAndVolumeBars()
    {
        Trade[] trades = _trades;
        _aggregator.Reset();
        _bars.Reset();
        for (int i = 0; i < trades.Length; i++)
        {
            _aggregator.OnTrade(in trades[i], ref _sink);
            _bars.OnTrade(in trades[i], ref _sink);
        }

        _aggregator.Flush(ref _sink);
        return _sink.Count;
    }

    private struct CountingSink : IRowSink, IVolumeBarSink
    {
        public long Count;

        public void OnRow(in AggregatedRow row) => Count += row.Trades;

        public void OnBar(in VolumeBar bar) => Count += bar.Trades;
    }
}
