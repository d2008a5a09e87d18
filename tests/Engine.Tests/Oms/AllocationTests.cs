using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Pipeline;
using Engine.Tests.Pipeline;
using Engine.Tests.Support;

namespace Engine.Tests.Oms;

public class AllocationTests
{
    private static readonly SymbolId Btc = new(0);

    [Fact]
    public void SignalToOrderRequest_AfterWarmUp_AllocatesNothing()
    {
        var box = new RecordingSink.Box();
        var oms = new OrderManager<RecordingSink>(new OrderManagerOptions(), [PaperScript.BtcFilters], new RecordingSink(box));
        var signal = new TradeSignal
        {
            Symbol = Btc, Source = SignalSource.DeltaScout, Direction = SignalDirection.Long, LastTradePrice = Price.Parse("60000"), TimeMs = 1000,
        };
        Quantity qty = Quantity.Parse("0.0123");
        Price stop = Price.Parse("120");
        var reject = new VenueReport { Kind = VenueReportKind.Rejected, Symbol = Btc, ErrorCode = BinanceErrorCode.MinNotional };

        void Run()
        {
            for (int i = 0; i < 10_000; i++)
            {
                signal.Direction = (i & 1) == 0 ? SignalDirection.Long : SignalDirection.Short;
                EntryPlan plan = EntryPlan.FromSignal(in signal, qty, stop);
                oms.OnEntry(in plan);
                reject.ClientId = box.Last.ClientId; // the venue refuses it, which frees the symbol for the next signal
                oms.OnReport(in reject);
            }
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
        Assert.Equal(20_000, box.Count);
    }

    [Fact]
    public void EngineWithPaperVenue_WholePositions_AfterWarmUp_AllocatesNothing()
    {
        // A first engine plays the whole walk, so every path the measured half takes has run once in the process (a
        // static constructor or a first call allocates); then a fresh engine, created before the count starts, plays
        // the same walk and its second half, after its own warm-up half, must count 0 B. A half during which a
        // collection ran cannot be counted (see Allocations) and is played again on another fresh engine.
        (TradingEngine<CountingOutputSink> warm, Action warmRun) = NewWalk();
        warmRun();
        warmRun();

        for (int attempt = 0; attempt < Allocations.Tries; attempt++)
        {
            (TradingEngine<CountingOutputSink> engine, Action run) = NewWalk();
            run();
            int collections = GC.CollectionCount(0);
            long bytes = Allocations.Measure(run);
            if (GC.CollectionCount(0) != collections)
            {
                continue;
            }

            Assert.True(bytes == 0, $"{bytes} B in the warm half");
            Assert.True(engine.OrderManager.Counters.PositionsClosed > 10);
            Assert.Equal(engine.OrderManager.Counters.PositionsClosed, engine.Output.Count(OutputKind.PositionClosed));
            Assert.Equal(warm.OrderManager.Counters.PositionsClosed, engine.OrderManager.Counters.PositionsClosed); // the same walk
            return;
        }

        Assert.Fail($"a collection ran during each of {Allocations.Tries} measured halves");
    }

    // An engine with the paper venue and a seeded random walk of trades with an entry now and then; the action plays
    // the walk's next 10,000 trades.
    private static (TradingEngine<CountingOutputSink> Engine, Action Run) NewWalk()
    {
        var engine = new TradingEngine<CountingOutputSink>(PaperScript.Options(
            new OrderManagerOptions { TrailingDistanceTicks = 40, TrailingStepTicks = 5, MaxHoldMs = 180_000 },
            new PaperVenueOptions { LatencyMs = 50, SlippageTicks = 1 }), new CountingOutputSink());
        var input = new EngineEvent { Kind = EventKind.Trade };
        var rng = new Random(7);
        long t = 0;
        long ticks = 600_000;
        var trade = new Trade { Symbol = Btc, Type = TradeType.Market };

        void Run()
        {
            for (int i = 0; i < 10_000; i++)
            {
                t += rng.Next(1, 400);
                ticks += rng.Next(-25, 26);
                trade.Price = new Price(ticks * 10_000_000);
                trade.Quantity = new Quantity(rng.Next(1, 400) * 100_000);
                trade.TradeTimeMs = t;
                input.Trade = trade;
                engine.OnEvent(ref input);
                if (rng.Next(100) == 0)
                {
                    var plan = new EntryPlan(Btc, rng.Next(2) == 0 ? Side.Buy : Side.Sell, new Quantity(rng.Next(2, 40) * 100_000), new Price(rng.Next(30, 3000) * 10_000_000), trade.Price, t);
                    engine.SubmitEntry(in plan);
                }
            }
        }

        return (engine, Run);
    }
}
