using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class RollingVwapTests
{
    [Fact]
    public void Value_MatchesHandComputation()
    {
        var vwap = new RollingVwap(2);
        vwap.Update(100, 1);
        Assert.False(vwap.IsReady);
        vwap.Update(110, 3);
        Assert.Equal(107.5, vwap.Value); // (100 + 330) / 4
        vwap.Update(90, 1);
        Assert.Equal(105.0, vwap.Value); // (330 + 90) / 4
    }

    [Fact]
    public void WindowWithoutVolume_IsNaN_AndBadInputIsRejected()
    {
        var vwap = new RollingVwap(1);
        vwap.Update(100, 0);
        Assert.True(double.IsNaN(vwap.Value));
        Assert.False(vwap.Update(100, -1));
        Assert.False(vwap.Update(double.NaN, 1));
        Assert.Equal(2, vwap.RejectedInputs);
    }

    [Fact]
    public void RealTrades_EqualNaiveDecimalWindow()
    {
        var trades = NaiveTradeCsv.Load(RealSeries.BtcFile).Where(t => t.IsMarket).ToList();
        const int n = 100;
        var vwap = new RollingVwap(n);
        for (int t = 0; t < trades.Count; t++)
        {
            vwap.Update((double)trades[t].Price, (double)trades[t].Qty);
            if (t < n - 1 || t % 7 != 0)
            {
                continue;
            }

            var window = trades.Skip(t - n + 1).Take(n).ToList();
            decimal expected = window.Sum(x => x.Price * x.Qty) / window.Sum(x => x.Qty);
            RealSeries.AssertClose((double)expected, vwap.Value, 1e-9, $"rolling VWAP at {t}");
        }
    }
}
