using System.Text;
using Engine.Model;
using Engine.Sim.Market;
using Engine.Sim.Tape;

namespace Engine.Tests.Sim.Market;

/// <summary>The frames the tape becomes, checked byte for byte against hand-written Binance payloads.</summary>
public sealed class FrameStoreTests
{
    // 2024-08-08 23:54:16.300 UTC: a whole 100 ms window starts here.
    private const long T0 = 1_723_161_256_300;

    private static (FrameStore Store, MarketSymbol[] Symbols) Build(params Trade[] trades)
    {
        var registry = new SymbolRegistry();
        foreach (Trade t in trades)
        {
            Assert.True(t.Symbol.Value < 2);
        }

        registry.Add("BTCUSDT");
        registry.Add("ETHUSDT");
        SimTape tape = SimTape.Of(trades, registry);
        MarketSymbol[] symbols = [new(0, "BTCUSDT", 2, 3, false), new(1, "ETHUSDT", 2, 3, false)];
        return (FrameStore.Build(tape, symbols), symbols);
    }

    [Fact]
    public void RawTrades_GroupIntoAggTrades_BySamePriceSideAndHundredMsWindow()
    {
        var r = new SymbolRegistry();
        r.Add("BTCUSDT");
        r.Add("ETHUSDT");
        (FrameStore store, _) = Build(
            MarketTapes.Raw(r, "BTCUSDT", 100, "61800.3", "0.006", T0),
            MarketTapes.Raw(r, "ETHUSDT", 7, "2600.1", "1", T0 + 10),        // another symbol between: no effect on BTCUSDT's run
            MarketTapes.Raw(r, "BTCUSDT", 101, "61800.3", "0.006", T0 + 99),  // same price, side, window: joins
            MarketTapes.Raw(r, "BTCUSDT", 102, "61800.3", "0.1", T0 + 100),   // next window: a new aggregate
            MarketTapes.Raw(r, "BTCUSDT", 103, "61800.4", "0.2", T0 + 120),   // new price
            MarketTapes.Raw(r, "BTCUSDT", 104, "61800.4", "0.3", T0 + 130, buyerIsMaker: true)); // other taker side

        AggRecord[] btc = store.Aggregates[0];
        Assert.Equal(
            [
                new AggRecord(1, 6_180_030_000_000, 1_200_000, 100, 101, T0, false),
                new AggRecord(2, 6_180_030_000_000, 10_000_000, 102, 102, T0 + 100, false),
                new AggRecord(3, 6_180_040_000_000, 20_000_000, 103, 103, T0 + 120, false),
                new AggRecord(4, 6_180_040_000_000, 30_000_000, 104, 104, T0 + 130, true),
            ],
            btc);
        Assert.Single(store.Aggregates[1]);

        // The first aggregate goes out right after its last trade (101), E = that trade's event time, T = the first's.
        MarketFrame agg = store.Frames.Single(f => f.Kind == StreamKind.AggTrade && f.AggIndex == 0 && f.Symbol == 0);
        Assert.Equal(
            "{\"e\":\"aggTrade\",\"E\":1723161256399,\"a\":1,\"s\":\"BTCUSDT\",\"p\":\"61800.30\",\"q\":\"0.012\",\"f\":100,\"l\":101,\"T\":1723161256300,\"m\":false}",
            Encoding.UTF8.GetString(agg.Raw));
        Assert.Equal(
            "{\"stream\":\"btcusdt@aggTrade\",\"data\":" + Encoding.UTF8.GetString(agg.Raw) + "}",
            Encoding.UTF8.GetString(agg.Combined));
        PlayStep step = store.Steps.Single(s => s.TradeIndex == 2);
        Assert.Equal(agg, store.Frames[step.FrameEnd - 1]);
    }

    [Fact]
    public void TradeFrame_HasBinanceUsdmFieldOrder_AndPaddedDecimals()
    {
        var r = new SymbolRegistry();
        (FrameStore store, _) = Build(MarketTapes.Raw(r, "BTCUSDT", 5266583935, "61800.3", "0.006", T0));
        MarketFrame trade = store.Frames.Single(f => f.Kind == StreamKind.Trade);
        Assert.Equal(
            "{\"e\":\"trade\",\"E\":1723161256300,\"T\":1723161256300,\"s\":\"BTCUSDT\",\"t\":5266583935,\"p\":\"61800.30\",\"q\":\"0.006\",\"X\":\"MARKET\",\"m\":false}",
            Encoding.UTF8.GetString(trade.Raw));
    }

    [Fact]
    public void MarkPrice_EveryTapeSecond_IsTheLastTradeBeforeIt_WithFundingAtTheNextEightHours()
    {
        var r = new SymbolRegistry();
        (FrameStore store, _) = Build(
            MarketTapes.Raw(r, "BTCUSDT", 1, "100.5", "1", T0),           // 23:54:16.300
            MarketTapes.Raw(r, "BTCUSDT", 2, "101", "1", T0 + 800),       // 23:54:17.100
            MarketTapes.Raw(r, "BTCUSDT", 3, "102", "1", T0 + 1_750));    // 23:54:18.050
        string[] marks = [.. store.Frames.Where(f => f.Kind == StreamKind.MarkPrice1s).Select(f => Encoding.UTF8.GetString(f.Raw))];

        // Seconds 17, 18 (trades up to 18.050 exclusive of it) and 19 (one second after the last trade's).
        // Next funding after 2024-08-08 23:54 UTC is 2024-08-09 00:00:00 UTC = 1723161600000.
        Assert.Equal(
            [
                "{\"e\":\"markPriceUpdate\",\"E\":1723161257000,\"s\":\"BTCUSDT\",\"p\":\"100.50000000\",\"i\":\"100.50000000\",\"P\":\"100.50000000\",\"r\":\"0.00010000\",\"T\":1723161600000}",
                "{\"e\":\"markPriceUpdate\",\"E\":1723161258000,\"s\":\"BTCUSDT\",\"p\":\"101.00000000\",\"i\":\"101.00000000\",\"P\":\"101.00000000\",\"r\":\"0.00010000\",\"T\":1723161600000}",
                "{\"e\":\"markPriceUpdate\",\"E\":1723161259000,\"s\":\"BTCUSDT\",\"p\":\"102.00000000\",\"i\":\"102.00000000\",\"P\":\"102.00000000\",\"r\":\"0.00010000\",\"T\":1723161600000}",
            ],
            marks);
    }

    [Fact]
    public void AggregateWindow_NeverSpansASecondBoundary()
    {
        var r = new SymbolRegistry();
        (FrameStore store, _) = Build(
            MarketTapes.Raw(r, "BTCUSDT", 1, "100", "1", T0 + 650),  // 23:54:16.950
            MarketTapes.Raw(r, "BTCUSDT", 2, "100", "1", T0 + 720)); // 23:54:17.020: 70 ms later, but past the second
        Assert.Equal(2, store.Aggregates[0].Length);
    }
}
