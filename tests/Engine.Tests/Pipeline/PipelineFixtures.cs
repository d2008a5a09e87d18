using Engine.Binance.Archives;
using Engine.Model;
using Engine.Pipeline;
using Engine.Signals;
using Engine.Tests.Support;

namespace Engine.Tests.Pipeline;

/// <summary>Real-data inputs and options shared by the pipeline tests.</summary>
public static class PipelineFixtures
{
    public static string BtcTrades => RepoData.Path("binance", "trades", "futures_um", "BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz");

    public static string EthTrades => RepoData.Path("binance", "trades", "futures_um", "ETHUSDT-trades-ws-20240808T2354Z-20240809T0000Z.csv.gz");

    /// <summary>BTCUSDT futures filters as in the real 2021 exchangeInfo: tick 0.01... here 0.1 (USD-M BTCUSDT), step 0.001, min notional 5.</summary>
    public static SymbolFilters BtcFilters => new()
    {
        TickSize = Price.Parse("0.1"), MinPrice = Price.Parse("0.1"), MaxPrice = Price.Parse("1000000"),
        StepSize = Quantity.Parse("0.001"), MinQty = Quantity.Parse("0.001"), MaxQty = Quantity.Parse("1000"),
        MarketStepSize = Quantity.Parse("0.001"), MarketMinQty = Quantity.Parse("0.001"), MarketMaxQty = Quantity.Parse("120"),
        MinNotional = Money.FromDecimal(5m),
    };

    /// <summary>
    /// DeltaScout on 1-second rows with windows short enough for six minutes of trades to produce peaks, and the gates
    /// opened wide: these tests are about the chain's bookkeeping, not the signal's quality.
    /// </summary>
    public static PipelineOptions ShortIntervalDeltaScout(int sampleEvery = 1) => new()
    {
        Symbols = [new SymbolSetup { Name = "BTCUSDT", Filters = BtcFilters, BarSize = 10m }],
        IntervalMs = 1_000,
        Signal = SignalSource.DeltaScout,
        DeltaScout = new DeltaScoutOptions
        {
            RollWindowMin = 20, VwapWindowMin = 30, Chop30Max = 1000, Coh10Min = 0, ImbMin = 0, ImbMax = 1,
            VwapMaxDistUsd = 1000,
        },
        Risk = new Engine.Risk.RiskOptions { CooldownMinutes = 0.5, MaxTradesPerDay = 1000, MaxConsecutiveLosses = 1000, OrderBurst = 100, OrderRefillSeconds = 1 },
        OrderManager = new Engine.Oms.OrderManagerOptions(),
        LatencySampleEvery = sampleEvery,
    };

    public static TradeCsvReader OpenBtc(SymbolRegistry registry) => TradeCsvReader.Open(BtcTrades, registry);

    /// <summary>Feeds every event of the file through the engine, then EndOfStream.</summary>
    public static void Replay<TOut>(TradingEngine<TOut> engine, string path, string symbol)
        where TOut : struct, IOutputSink
    {
        var registry = new SymbolRegistry([symbol]);
        using TradeCsvReader reader = TradeCsvReader.Open(path, registry);
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            engine.OnEvent(ref slot);
        }

        slot.Kind = EventKind.EndOfStream;
        engine.OnEvent(ref slot);
    }
}
