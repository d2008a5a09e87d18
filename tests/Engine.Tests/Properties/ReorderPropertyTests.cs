using CsCheck;
using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Properties;

/// <summary>
/// Id-order independence within the reorder window (issue 14): trades displaced within the window
/// (<see cref="DisplacedArrival"/>) come out of <see cref="TradeReorderBuffer"/> as the original id-ordered stream,
/// every trade unchanged, with exactly the late arrivals counted as reordered and nothing dropped or given up; and the
/// same property fails when the buffer's window is too small for the displacement (it is not vacuous).
/// </summary>
public class ReorderPropertyTests
{
    private const long T0 = 1_723_161_256_000;

    /// <summary>Trades of one symbol in id order, their arrival order, and the window they are displaced within.</summary>
    public sealed record Case(Trade[] Trades, int[] Arrival, long WindowMs)
    {
        public override string ToString() =>
            $"W={WindowMs} ms, {Trades.Length} trades, times +[{string.Join(",", Trades.Select(t => t.TradeTimeMs - T0))}], arrival [{string.Join(",", Arrival)}]";
    }

    /// <summary>
    /// Up to 300 trades; gaps between trade times mostly well within the window, sometimes several windows (quiet
    /// stretches, where the buffer's clock jumps), sometimes 0 (trades of one millisecond).
    /// </summary>
    public static readonly Gen<Case> Cases =
        Gen.Long[1, 2_000].SelectMany(window =>
            Gen.Select(
                Gen.Frequency((6, Gen.Long[0, Math.Max(1, window / 4)]), (2, Gen.Long[0, 2 * window]), (1, Gen.Long[0, 10 * window]), (1, Gen.Const(0L)))
                    .Array[1, 300],
                Gen.Int[0, int.MaxValue],
                Gen.Int[0, 90],
                (gaps, seed, inOrder) =>
                {
                    var trades = new Trade[gaps.Length];
                    long time = T0;
                    for (int i = 0; i < gaps.Length; i++)
                    {
                        time += gaps[i];
                        trades[i] = TradeAt(5_266_583_935 + i, time, i);
                    }

                    return new Case(trades, DisplacedArrival.Order([.. trades.Select(t => t.TradeTimeMs)], window, seed, inOrder), window);
                }));

    [Fact]
    public void DisplacedWithinTheWindow_ComesOutInIdOrder_Unchanged_OnlyCountedAsReordered()
    {
        Cases.Sample(c => Holds(c, c.WindowMs), iter: 600, threads: 1, print: c => c.ToString());
    }

    [Fact]
    public void TheSameProperty_WithAWindowOfZero_Fails()
    {
        // Displaced by up to a window, read by a buffer that waits for nothing: some case must lose a trade.
        Exception failure = Assert.ThrowsAny<Exception>(() =>
            Cases.Where(c => DisplacedArrival.LateArrivals(c.Arrival) > 0).Sample(c => Holds(c, 0), iter: 600, threads: 1, print: c => c.ToString()));
        Assert.Contains("W=", failure.Message, StringComparison.Ordinal);
    }

    private static void Holds(Case c, long bufferWindowMs)
    {
        var buffer = new TradeReorderBuffer(new ArrivalFeed(c.Trades, c.Arrival), symbolCount: 1, bufferWindowMs);
        var slot = default(EngineEvent);
        var released = new List<Trade>();
        while (buffer.TryReadNext(ref slot))
        {
            Assert.Equal(EventKind.Trade, slot.Kind);
            released.Add(slot.Trade);
        }

        Assert.Equal(c.Trades.Select(t => t.Id), released.Select(t => t.Id));
        Assert.Equal(c.Trades, released);
        Assert.Equal(DisplacedArrival.LateArrivals(c.Arrival), buffer.Reordered);
        Assert.Equal(0, buffer.DroppedLate);
        Assert.Equal(0, buffer.Gaps);
        Assert.Equal(0, buffer.Duplicates);
    }

    private static Trade TradeAt(long id, long timeMs, int i) => new()
    {
        Symbol = new SymbolId(0), Id = id, FirstTradeId = id, LastTradeId = id,
        Price = new Price((60_000 + (i % 97)) * FixedPoint.Scale), Quantity = new Quantity((1 + (i % 13)) * 1_000_000),
        TradeTimeMs = timeMs, EventTimeMs = timeMs, BuyerIsMaker = i % 3 == 0, Type = TradeType.Market,
    };

    private sealed class ArrivalFeed(Trade[] trades, int[] arrival) : IInputFeed
    {
        private int _next;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (_next == arrival.Length)
            {
                return false;
            }

            slot = default;
            slot.Kind = EventKind.Trade;
            slot.Trade = trades[arrival[_next++]];
            return true;
        }
    }
}
