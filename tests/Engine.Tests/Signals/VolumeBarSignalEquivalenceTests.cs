using Engine.Binance.Archives;
using Engine.Market;
using Engine.Market.Indicators;
using Engine.Model;
using Engine.Signals;
using Engine.Tests.Market;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Signals;

/// <summary>
/// Real BTCUSDT trades → the Market volume bars → the Market indicators → <see cref="VolumeBarSignal"/>, against
/// <see cref="NaiveVolumeBarSignal"/> recomputing everything from the whole bar history on each bar.
/// </summary>
public class VolumeBarSignalEquivalenceTests
{
    private static List<VolumeBar> BtcBars(string barSize)
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);
        using TradeCsvReader reader = PipelineFixtures.OpenBtc(registry);
        var builder = VolumeBarBuilder.ForBaseVolume(new SymbolId(0), Quantity.Parse(barSize));
        var sink = new BarList();
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            if (slot.Kind == EventKind.Trade && slot.Trade.Type == TradeType.Market)
            {
                builder.OnTrade(in slot.Trade, ref sink);
            }
        }

        return sink.Bars;
    }

    [Theory]
    [InlineData("1", 9, 21, 3)]
    [InlineData("2", 5, 13, 2)]
    [InlineData("2", 9, 21, 6)]
    public void RealTrades_EngineSignalsAndIndicators_EqualNaiveRecomputation(string barSize, int fast, int slow, int window)
    {
        List<VolumeBar> bars = BtcBars(barSize);
        var options = new VolumeSignalOptions { EmaFast = fast, EmaSlow = slow, CrossWindowBars = window };
        var signal = new VolumeBarSignal(options);
        var emaFast = new ExponentialMovingAverage(fast);
        var emaSlow = new ExponentialMovingAverage(slow);
        var rsi = new RelativeStrengthIndex(options.RsiPeriod);
        var bollinger = new BollingerBands(options.BbPeriod, options.BbDeviations);
        var atr = new AverageTrueRange(options.AtrPeriod);
        var naive = new NaiveVolumeBarSignal(fast, slow, crossWindowBars: window);

        var engineSignals = new List<(int Bar, SignalDirection Direction)>();
        var naiveSignals = new List<(int Bar, SignalDirection Direction)>();
        for (int i = 0; i < bars.Count; i++)
        {
            VolumeBar bar = bars[i];
            double close = bar.Close.ToDouble();
            emaFast.Update(close);
            emaSlow.Update(close);
            rsi.Update(close);
            bollinger.Update(close);
            atr.Update(bar.High.ToDouble(), bar.Low.ToDouble(), close);
            var indicators = new IndicatorValues
            {
                EmaFast = emaFast.IsReady ? emaFast.Value : double.NaN,
                EmaSlow = emaSlow.IsReady ? emaSlow.Value : double.NaN,
                Rsi = rsi.Value,
                BbUpper = bollinger.Upper,
                BbMiddle = bollinger.Middle,
                BbLower = bollinger.Lower,
                Atr = atr.Value,
            };

            SignalDirection? expected = naive.OnBar(in bar);
            AssertClose(naive.Last, indicators, i);
            if (expected is { } d)
            {
                naiveSignals.Add((i, d));
            }

            if (signal.OnBar(in bar, in indicators, out TradeSignal fired))
            {
                engineSignals.Add((i, fired.Direction));
                Assert.Equal(SignalSource.VolumeBar, fired.Source);
                Assert.Equal(close, fired.Price);
                Assert.Equal(naive.Last.Atr, fired.Atr, 1e-9);
            }
        }

        Assert.True(bars.Count > 200, $"{bars.Count} bars");
        Assert.True(naiveSignals.Count >= 2, $"the naive signal must fire on real data: {naiveSignals.Count} in {bars.Count} bars");
        Assert.Equal(naiveSignals, engineSignals);
    }

    private static void AssertClose(IndicatorValues expected, IndicatorValues actual, int bar)
    {
        Check(expected.EmaFast, actual.EmaFast, "EmaFast");
        Check(expected.EmaSlow, actual.EmaSlow, "EmaSlow");
        Check(expected.Rsi, actual.Rsi, "Rsi");
        Check(expected.BbUpper, actual.BbUpper, "BbUpper");
        Check(expected.BbMiddle, actual.BbMiddle, "BbMiddle");
        Check(expected.BbLower, actual.BbLower, "BbLower");
        Check(expected.Atr, actual.Atr, "Atr");

        void Check(double e, double a, string name)
        {
            bool same = (double.IsNaN(e) && double.IsNaN(a)) || Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e));
            Assert.True(same, $"bar {bar} {name}: naive {e}, engine {a}");
        }
    }
}
