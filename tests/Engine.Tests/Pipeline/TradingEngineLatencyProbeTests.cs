using Engine.Binance.Archives;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Signals;

using Engine.Tests.Support;

namespace Engine.Tests.Pipeline;

/// <summary>
/// The latency probe through the real engine and the paper venue on real BTCUSDT trades: an order on every N-th
/// trade, carrying that trade's receive timestamp to the gateway, priced and sized as configured, and cancelled
/// (Cancel mode) or closed (Close mode) as soon as the venue answers; nothing allocated once warm.
/// </summary>
public class TradingEngineLatencyProbeTests
{
    private const long StampBase = 7_000_000_000;

    private static PipelineOptions ProbeOptions(LatencyProbeOptions probe) => PipelineFixtures.ShortIntervalDeltaScout() with
    {
        Signal = SignalSource.LatencyProbe,
        Probe = probe,
    };

    private static EngineEvent[] Trades()
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);
        var events = new List<EngineEvent>();
        using TradeCsvReader reader = TradeCsvReader.Open(PipelineFixtures.BtcTrades, registry);
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            events.Add(slot);
        }

        return [.. events];
    }

    /// <summary>Runs every trade (the i-th stamped StampBase + i), remembering which trade each output followed.</summary>
    private static (TradingEngine<CollectingOutputSink> Engine, List<(int Trade, OutputEvent Output)> Outputs, EngineEvent[] Trades) Run(LatencyProbeOptions probe)
    {
        var engine = new TradingEngine<CollectingOutputSink>(ProbeOptions(probe), new CollectingOutputSink());
        EngineEvent[] trades = Trades();
        var outputs = new List<(int, OutputEvent)>();
        for (int i = 0; i < trades.Length; i++)
        {
            int before = engine.Output.Events.Count;
            trades[i].ReceivedTimestamp = StampBase + i + 1;
            engine.OnEvent(ref trades[i]);
            outputs.AddRange(engine.Output.Events.Skip(before).Select(o => (i + 1, o)));
        }

        return (engine, outputs, trades);
    }

    [Fact]
    public void CancelMode_AnOrderOnEveryNthTrade_AwayFromTheMarket_CancelledOnceAccepted()
    {
        const int every = 50;
        (TradingEngine<CollectingOutputSink> engine, var outputs, EngineEvent[] trades) = Run(new LatencyProbeOptions { EveryTrades = every, OffsetBps = 100 });

        var entries = outputs.Where(x => x.Output.Kind == OutputKind.OrderRequested && x.Output.Order.Command == OrderCommand.Submit).ToList();
        Assert.True(entries.Count >= 20, $"only {entries.Count} probes");
        Assert.All(entries, x => Assert.Equal(OrderRole.Entry, x.Output.OrderRole));
        Assert.Equal(trades.Length / every, entries.Count + (int)SkippedProbes(engine));
        for (int k = 0; k < entries.Count; k++)
        {
            (int trade, OutputEvent o) = entries[k];
            Assert.Equal(0, trade % every);
            Assert.Equal(StampBase + trade, o.InputTimestamp); // the trade that caused it: the gateway's tick-to-order origin
            Assert.Equal(EventKind.Trade, o.InputKind);

            // By hand in decimal: 1 % from the trade's price, floored (buy) or ceiled (sell) to the 0.1 tick.
            decimal price = trades[trade - 1].Trade.Price.ToDecimal();
            decimal distance = price * 0.01m;
            OrderRequest r = o.Order;
            Assert.Equal(OrderType.Limit, r.Type);
            Assert.Equal(k % 2 == 0 ? Side.Buy : Side.Sell, r.Side); // the skipped ones send nothing, so sides alternate over the sent
            decimal expected = r.Side == Side.Buy ? Math.Floor((price - distance) * 10) / 10 : Math.Ceiling((price + distance) * 10) / 10;
            Assert.Equal(expected, r.Price.ToDecimal());
            Assert.Equal(0.001m, r.Quantity.ToDecimal()); // 5.5 USDT (min notional 5 + 10 %) is less than one step at ~57,000

            // Accepted, then at once the cancel, then Canceled: nothing else happens to it.
            var life = outputs.Where(x => x.Output.Order.ClientId == r.ClientId && x.Output.Kind == OutputKind.OrderRequested
                    || x.Output.Kind == OutputKind.VenueReported && x.Output.Report.ClientId == r.ClientId)
                .Select(x => x.Output.Kind == OutputKind.OrderRequested ? x.Output.Order.Command.ToString() : x.Output.Report.Kind.ToString())
                .ToList();
            if (k < entries.Count - 1)
            {
                Assert.Equal(["Submit", "Accepted", "Cancel", "Canceled"], life);
                var cancel = outputs.Single(x => x.Output.Kind == OutputKind.OrderRequested && x.Output.Order.Command == OrderCommand.Cancel && x.Output.Order.ClientId == r.ClientId).Output;
                Assert.Equal(EventKind.Trade, cancel.InputKind); // the paper venue's answer comes on a trade; live it is a VenueReport
            }
        }

        Assert.Equal(0, engine.Counters.Fills);
        Assert.True(engine.OrderManager.PositionOf(new SymbolId(0)).IsFlat);
    }

    [Fact]
    public void CloseMode_EachFilledProbe_IsClosedAtMarket_SameQuantityOtherSide()
    {
        (TradingEngine<CollectingOutputSink> engine, var outputs, _) = Run(new LatencyProbeOptions { EveryTrades = 200, Mode = LatencyProbeMode.Close });

        var entries = outputs.Select(x => x.Output).Where(o => o.Kind == OutputKind.OrderRequested && o.Order.Command == OrderCommand.Submit && o.OrderRole == OrderRole.Entry).ToList();
        var flattens = outputs.Select(x => x.Output).Where(o => o.Kind == OutputKind.OrderRequested && o.Order.Command == OrderCommand.Submit && o.OrderRole == OrderRole.Flatten).ToList();
        var closed = outputs.Select(x => x.Output).Where(o => o.Kind == OutputKind.PositionClosed).ToList();
        Assert.True(entries.Count >= 5, $"only {entries.Count} probes");
        Assert.All(entries, e => Assert.Equal(OrderType.Market, e.Order.Type));

        // Every probe but perhaps the last (sent on one of the last trades, unfilled at the end) was filled and closed.
        Assert.InRange(closed.Count, entries.Count - 1, entries.Count);
        Assert.Equal(closed.Count, flattens.Count);
        for (int k = 0; k < flattens.Count; k++)
        {
            Assert.Equal(OrderType.Market, flattens[k].Order.Type);
            Assert.True(flattens[k].Order.ReduceOnly);
            Assert.Equal(entries[k].Order.Quantity, flattens[k].Order.Quantity);
            Assert.NotEqual(entries[k].Order.Side, flattens[k].Order.Side);
        }

        Assert.True(engine.OrderManager.PositionOf(new SymbolId(0)).IsFlat || closed.Count == entries.Count - 1);
    }

    [Theory]
    [InlineData(LatencyProbeMode.Cancel)]
    [InlineData(LatencyProbeMode.Close)]
    public void Probe_AfterWarmUp_AllocatesNothingOnTheEngineThread(LatencyProbeMode mode)
    {
        // A second half during which a collection ran cannot be counted (see Allocations): played again on a fresh engine.
        EngineEvent[] all = Trades();
        for (int attempt = 0; attempt < Allocations.Tries; attempt++)
        {
            var engine = new TradingEngine<CountingOutputSink>(ProbeOptions(new LatencyProbeOptions { EveryTrades = 20, Mode = mode }), new CountingOutputSink());
            int warm = all.Length / 2;
            for (int i = 0; i < warm; i++)
            {
                engine.OnEvent(ref all[i]);
            }

            long requestsWarm = engine.Output.Count(OutputKind.OrderRequested);
            Assert.True(requestsWarm > 0, "warm-up must have exercised the probe");
            int collections = GC.CollectionCount(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = warm; i < all.Length; i++)
            {
                engine.OnEvent(ref all[i]);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(engine.Output.Count(OutputKind.OrderRequested) > requestsWarm);
            if (GC.CollectionCount(0) == collections)
            {
                Assert.Equal(0, allocated);
                return;
            }
        }

        Assert.Fail($"a collection ran during each of {Allocations.Tries} measured halves");
    }

    private static long SkippedProbes(TradingEngine<CollectingOutputSink> engine) => engine.ProbeFigures().Skipped;
}
