using CsCheck;
using Engine.Market;
using Engine.Model;
using Engine.Signals;
using Engine.Tests.Market;

namespace Engine.Tests.Properties;

/// <summary>
/// Invariants of the market stages over generated trade streams (CsCheck; a failure prints the seed that replays it):
/// volume is conserved by time aggregation and by volume bars, in total and per taker side; every trade is either in
/// a row or counted late; and the same input gives the same rows, bars and DeltaScout decisions, also after Reset.
/// </summary>
public class MarketPropertyTests
{
    private const long Scale = FixedPoint.Scale;
    private static readonly SymbolId Btc = new(0);

    /// <summary>A stream in trade-time order: mostly steps of 0-2.5 s, some jumps of up to 2 min, some non-MARKET trades.</summary>
    internal static readonly Gen<Trade[]> InOrderTrades =
        Gen.Select(
            Gen.Long[1_600_000_000_000, 1_900_000_000_000],
            Gen.Select(Gen.Long[0, 2_500], Gen.Long[1, 100_000 * Scale], Gen.Long[1, 20 * Scale], Gen.Bool, Gen.Int[0, 39]).Array[1, 300])
        .Select((start, parts) =>
        {
            var trades = new Trade[parts.Length];
            long time = start;
            for (int i = 0; i < parts.Length; i++)
            {
                (long step, long price, long qty, bool maker, int kind) = parts[i];
                time += kind == 0 ? step * 48 : step;
                trades[i] = new Trade
                {
                    Symbol = Btc,
                    Id = 1_000 + i,
                    FirstTradeId = 1_000 + i,
                    LastTradeId = 1_000 + i,
                    Price = new Price(price),
                    Quantity = new Quantity(qty),
                    TradeTimeMs = time,
                    EventTimeMs = time,
                    BuyerIsMaker = maker,
                    Type = kind switch { 1 => TradeType.InsuranceFund, 2 => TradeType.Adl, _ => TradeType.Market },
                };
            }

            return trades;
        });

    /// <summary>The same kind of stream with its order shuffled (late trades, ties, everything).</summary>
    private static readonly Gen<Trade[]> ShuffledTrades =
        InOrderTrades.SelectMany(trades => Gen.Int.Array[trades.Length].Select(keys =>
        {
            Trade[] copy = [.. trades];
            Array.Sort(keys, copy);
            return copy;
        }));

    private static readonly Gen<long> IntervalMs = Gen.OneOf(1_000L, 7_000L, 60_000L, 3_600_000L);

    [Fact]
    public void Aggregation_InOrder_RowsHoldEveryMarketTradeAndItsVolume()
    {
        Gen.Select(InOrderTrades, IntervalMs).Sample((trades, interval) =>
        {
            List<AggregatedRow> rows = Aggregate(trades, interval, out TimeAggregator aggregator);
            Trade[] market = [.. trades.Where(t => t.Type == TradeType.Market)];
            Assert.Equal(0, aggregator.LateTrades);
            Assert.Equal(market.Length, rows.Sum(r => r.Trades));
            Assert.Equal(market.Sum(t => t.Quantity.E8), rows.Sum(r => r.TotalQty.E8));
            Assert.Equal(market.Where(t => !t.BuyerIsMaker).Sum(t => t.Quantity.E8), rows.Sum(r => r.BuyQty.E8));
            Assert.All(rows, r => Assert.Equal(r.TotalQty.E8, r.BuyQty.E8 + r.SellQty.E8));
            for (int i = 1; i < rows.Count; i++)
            {
                Assert.Equal(rows[i - 1].StartMs + interval, rows[i].StartMs); // no gap below a week of empty rows
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Aggregation_AnyOrder_EveryMarketTradeIsInARowOrCountedLate()
    {
        Gen.Select(ShuffledTrades, IntervalMs).Sample((trades, interval) =>
        {
            List<AggregatedRow> rows = Aggregate(trades, interval, out TimeAggregator aggregator);
            Trade[] market = [.. trades.Where(t => t.Type == TradeType.Market)];
            Assert.Equal(market.Length, rows.Sum(r => r.Trades) + aggregator.LateTrades);
            Assert.Equal(market.Sum(t => t.Quantity.E8), rows.Sum(r => r.TotalQty.E8) + aggregator.LateQuantity.E8);
            Assert.Equal(trades.Length - market.Length, aggregator.IgnoredTrades);
            Assert.All(rows, r => Assert.Equal(r.TotalQty.E8, r.BuyQty.E8 + r.SellQty.E8));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void BaseVolumeBars_ConserveVolumePerSideAndCloseAtTheThreshold()
    {
        Gen.Select(ShuffledTrades, Gen.Long[1, 30 * Scale]).Sample((trades, threshold) =>
        {
            var builder = VolumeBarBuilder.ForBaseVolume(Btc, new Quantity(threshold));
            var sink = new BarList();
            foreach (Trade t in trades)
            {
                builder.OnTrade(in t, ref sink);
            }

            Trade[] market = [.. trades.Where(t => t.Type == TradeType.Market)];
            VolumeBar open = builder.OpenBar;
            Assert.Equal(market.Sum(t => t.Quantity.E8), sink.Bars.Sum(b => b.Volume.E8) + open.Volume.E8);
            Assert.Equal(market.Where(t => t.BuyerIsMaker).Sum(t => t.Quantity.E8), sink.Bars.Sum(b => b.SellVolume.E8) + open.SellVolume.E8);
            Assert.All(sink.Bars, b => Assert.Equal(threshold, b.Volume.E8));
            Assert.All(sink.Bars, b => Assert.Equal(b.Volume.E8, b.BuyVolume.E8 + b.SellVolume.E8));
            Assert.True(open.Volume.E8 < threshold);
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void QuoteVolumeBars_ConserveBaseVolumePerSide()
    {
        Gen.Select(ShuffledTrades, Gen.Long[1, 2_000_000 * Scale]).Sample((trades, threshold) =>
        {
            var builder = VolumeBarBuilder.ForQuoteVolume(Btc, new Money(threshold));
            var sink = new BarList();
            foreach (Trade t in trades)
            {
                builder.OnTrade(in t, ref sink);
            }

            Trade[] market = [.. trades.Where(t => t.Type == TradeType.Market)];
            VolumeBar open = builder.OpenBar;
            Assert.Equal(market.Sum(t => t.Quantity.E8), sink.Bars.Sum(b => b.Volume.E8) + open.Volume.E8);
            Assert.Equal(market.Where(t => t.BuyerIsMaker).Sum(t => t.Quantity.E8), sink.Bars.Sum(b => b.SellVolume.E8) + open.SellVolume.E8);
            Assert.All(sink.Bars, b => Assert.Equal(b.Volume.E8, b.BuyVolume.E8 + b.SellVolume.E8));
            Assert.All(sink.Bars, b => Assert.True(b.QuoteVolumeE16 >= (Int128)threshold * Scale));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void SameInput_GivesTheSameRowsBarsAndSignals_FreshOrAfterReset()
    {
        Gen.Select(ShuffledTrades, Gen.Long[1, 30 * Scale]).Sample((trades, threshold) =>
        {
            var stages = new Stages(threshold);
            Outputs first = stages.Run(trades);
            Outputs fresh = new Stages(threshold).Run(trades);
            stages.Reset();
            Outputs again = stages.Run(trades);
            foreach (Outputs other in new[] { fresh, again })
            {
                Assert.Equal(first.Rows, other.Rows);
                Assert.Equal(first.Bars, other.Bars);
                Assert.Equal(first.Signals.Count, other.Signals.Count);
                for (int i = 0; i < first.Signals.Count; i++)
                {
                    Assert.True(SameEvaluation(first.Signals[i], other.Signals[i]), $"DeltaScout evaluation {i} differs");
                }
            }
        }, iter: 200, threads: 1);
    }

    private static List<AggregatedRow> Aggregate(Trade[] trades, long intervalMs, out TimeAggregator aggregator)
    {
        aggregator = new TimeAggregator(Btc, intervalMs);
        var sink = new RowList();
        foreach (Trade t in trades)
        {
            aggregator.OnTrade(in t, ref sink);
        }

        aggregator.Flush(ref sink);
        return sink.Rows;
    }

    // Every field that ends up in deltascout.log, plus the decision itself (NaN equal to NaN, as in the log).
    private static bool SameEvaluation(in DeltaScoutEvaluation a, in DeltaScoutEvaluation b) =>
        a.RowStartMs == b.RowStartMs && a.Zero == b.Zero && a.MaxOutcome == b.MaxOutcome && a.MinOutcome == b.MinOutcome
        && a.HasPeak == b.HasPeak && a.Peak.Equals(b.Peak) && a.VwapKnown == b.VwapKnown && a.Vwap == b.Vwap && a.Poc == b.Poc;

    private sealed record Outputs(List<AggregatedRow> Rows, List<VolumeBar> Bars, List<DeltaScoutEvaluation> Signals);

    /// <summary>Aggregation at 1 s feeding DeltaScout, and base volume bars, as the engine thread wires them.</summary>
    private sealed class Stages(long threshold)
    {
        private readonly TimeAggregator _aggregator = new(Btc, 1_000);
        private readonly VolumeBarBuilder _bars = VolumeBarBuilder.ForBaseVolume(Btc, new Quantity(threshold));
        private DeltaScoutDetector _detector = new(new DeltaScoutOptions());

        public Outputs Run(Trade[] trades)
        {
            var rows = new RowList();
            var bars = new BarList();
            foreach (Trade t in trades)
            {
                _aggregator.OnTrade(in t, ref rows);
                _bars.OnTrade(in t, ref bars);
            }

            _aggregator.Flush(ref rows);
            var signals = new List<DeltaScoutEvaluation>();
            foreach (AggregatedRow row in rows.Rows)
            {
                if (_detector.OnRow(in row, out DeltaScoutEvaluation evaluation))
                {
                    signals.Add(evaluation);
                }
            }

            return new Outputs(rows.Rows, bars.Bars, signals);
        }

        public void Reset()
        {
            _aggregator.Reset();
            _bars.Reset();
            _detector = new DeltaScoutDetector(new DeltaScoutOptions()); // DeltaScout has no Reset: a restart makes a new one
        }
    }
}
