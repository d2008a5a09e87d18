using Engine.Market;
using Engine.Market.Indicators;
using Engine.Model;
using Engine.Tests.Market.Indicators;
using Engine.Tests.Support;

namespace Engine.Tests.Market;

/// <summary>Zero bytes per trade through aggregation, volume bars and the indicators they feed, after warm-up.</summary>
public class MarketStagesAllocationTests
{
    private sealed class Indicators
    {
        public readonly SimpleMovingAverage Sma = new(20);
        public readonly ExponentialMovingAverage Ema = new(20);
        public readonly ExponentialMovingAverage Ema50 = new(50);
        public readonly RelativeStrengthIndex Rsi = new(14);
        public readonly BollingerBands Bands = new(20, 2);
        public readonly AverageTrueRange Atr = new(14);
        public readonly RollingVwap Vwap = new(30);
        public readonly DailyVwap DailyVwap = new();
        public double Checksum;
    }

    private struct RowIndicators(Indicators ind) : IRowSink
    {
        public readonly void OnRow(in AggregatedRow row)
        {
            double close = row.ClosePrice.ToDouble();
            ind.Sma.Update(close);
            ind.Ema.Update(close);
            ind.Ema50.Update(close);
            ind.Rsi.Update(close);
            ind.Bands.Update(close);
            ind.Atr.Update(row.HighPrice.ToDouble(), row.LowPrice.ToDouble(), close);
            if (ind.Bands.IsReady && ind.Rsi.IsReady)
            {
                ind.Checksum += ind.Bands.Upper + ind.Rsi.Value;
            }
        }
    }

    private struct BarIndicators(Indicators ind) : IVolumeBarSink
    {
        public readonly void OnBar(in VolumeBar bar)
        {
            ind.Vwap.Update(bar.Vwap, bar.Volume.ToDouble());
            ind.DailyVwap.Update(bar.LastTradeTimeMs, bar.Vwap, bar.Volume.ToDouble());
            if (ind.Vwap.IsReady)
            {
                ind.Checksum += ind.Vwap.Value;
            }
        }
    }

    [Fact]
    public void AllStages_AfterWarmUp_AllocateNothingPerTrade()
    {
        Trade[] trades = NaiveTradeCsv.LoadTrades(RealSeries.MidnightFile, new SymbolId(0));
        var ind = new Indicators();
        var aggregator = new TimeAggregator(new SymbolId(0), intervalMs: 1_000);
        var baseBars = VolumeBarBuilder.ForBaseVolume(new SymbolId(0), Quantity.Parse("0.5"));
        var quoteBars = VolumeBarBuilder.ForQuoteVolume(new SymbolId(0), Money.FromDecimal(20_000m));
        var rowSink = new RowIndicators(ind);
        var barSink = new BarIndicators(ind);

        void RunAll()
        {
            aggregator.Reset();
            baseBars.Reset();
            quoteBars.Reset();
            for (int i = 0; i < trades.Length; i++)
            {
                aggregator.OnTrade(in trades[i], ref rowSink);
                baseBars.OnTrade(in trades[i], ref barSink);
                quoteBars.OnTrade(in trades[i], ref barSink);
                if ((i & 1023) == 0)
                {
                    aggregator.AdvanceTo(trades[i].TradeTimeMs, ref rowSink);
                }
            }

            aggregator.Flush(ref rowSink);
        }

        RunAll(); // warm-up: JIT every path, tier up
        RunAll();
        long bytes = Allocations.Measure(RunAll);

        Assert.Equal(0, bytes);
        Assert.True(aggregator.RowsEmitted > 400);
        Assert.True(baseBars.BarsEmitted > 1000);
        Assert.True(ind.Rsi.IsReady && ind.Atr.IsReady && ind.Vwap.IsReady && ind.DailyVwap.IsReady);
        Assert.True(double.IsFinite(ind.Checksum) && ind.Checksum > 0);
    }
}
