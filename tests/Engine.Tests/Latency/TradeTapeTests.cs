using Engine.Latency;
using Engine.Model;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Latency;

public class TradeTapeTests
{
    private static EngineEvent Trade(int symbol, long id, long timeMs)
    {
        var e = new EngineEvent { Kind = EventKind.Trade };
        e.Trade.Symbol = new SymbolId(symbol);
        e.Trade.Id = id;
        e.Trade.FirstTradeId = id;
        e.Trade.LastTradeId = id;
        e.Trade.TradeTimeMs = timeMs;
        e.Trade.EventTimeMs = timeMs + 5;
        return e;
    }

    [Fact]
    public void CopyTo_FirstLap_CopiesTheTradeUnchanged()
    {
        var tape = new TradeTape([Trade(0, 10, 1_000), Trade(1, 500, 1_400), Trade(0, 11, 2_000)], 2);
        var slot = default(EngineEvent);

        tape.CopyTo(1, ref slot);

        Assert.Equal(500, slot.Trade.Id);
        Assert.Equal(1_400, slot.Trade.TradeTimeMs);
        Assert.Equal(1, slot.Trade.Symbol.Value);
    }

    [Fact]
    public void CopyTo_LaterLaps_ShiftTimesBySpanAndIdsByEachSymbolsSpan()
    {
        // Times 1000..2000 → span 1001 ms; symbol 0 ids 10..11 → span 2; symbol 1 id 500 → span 1.
        var tape = new TradeTape([Trade(0, 10, 1_000), Trade(1, 500, 1_400), Trade(0, 11, 2_000)], 2);
        var slot = default(EngineEvent);

        tape.CopyTo(3, ref slot); // lap 1, trade 0
        Assert.Equal(12, slot.Trade.Id);
        Assert.Equal(12, slot.Trade.FirstTradeId);
        Assert.Equal(12, slot.Trade.LastTradeId);
        Assert.Equal(2_001, slot.Trade.TradeTimeMs);
        Assert.Equal(2_006, slot.Trade.EventTimeMs);

        tape.CopyTo(7, ref slot); // lap 2, trade 1
        Assert.Equal(502, slot.Trade.Id);
        Assert.Equal(1_400 + (2 * 1_001), slot.Trade.TradeTimeMs);
    }

    [Fact]
    public void Load_RealTrades_MergesBothSymbolsInTimeOrderAndLapsContinueIds()
    {
        var registry = new SymbolRegistry(["BTCUSDT", "ETHUSDT"]);
        TradeTape tape = TradeTape.Load([PipelineFixtures.BtcTrades, PipelineFixtures.EthTrades], registry, out long malformed);

        Assert.Equal(0, malformed);
        var slot = default(EngineEvent);
        long previousTime = long.MinValue;
        long lastBtcId = -1;
        bool sawEth = false;
        for (long i = 0; i < tape.Length; i++)
        {
            tape.CopyTo(i, ref slot);
            Assert.True(slot.Trade.TradeTimeMs >= previousTime, $"trade {i} goes back in time");
            previousTime = slot.Trade.TradeTimeMs;
            sawEth |= slot.Trade.Symbol.Value == 1;
            if (slot.Trade.Symbol.Value == 0)
            {
                lastBtcId = slot.Trade.Id;
            }
        }

        Assert.True(sawEth);

        // The next lap's first BTC trade follows the last one of this lap with the next id, and later in time.
        long firstBtcOfLap1 = -1;
        for (long i = tape.Length; firstBtcOfLap1 < 0; i++)
        {
            tape.CopyTo(i, ref slot);
            if (slot.Trade.Symbol.Value == 0)
            {
                firstBtcOfLap1 = slot.Trade.Id;
                Assert.True(slot.Trade.TradeTimeMs >= previousTime);
            }
        }

        Assert.Equal(lastBtcId + 1, firstBtcOfLap1);
    }
}
