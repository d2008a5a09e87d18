using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class VwapTests
{
    private const long Midnight = 1_721_347_200_000; // 2024-07-19T00:00:00Z

    [Fact]
    public void Rolling_MatchesHandComputation()
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
    public void Rolling_WithNoVolume_IsNaN_AndBadInputIsRejected()
    {
        var vwap = new RollingVwap(1);
        vwap.Update(100, 0);
        Assert.True(double.IsNaN(vwap.Value));
        Assert.False(vwap.Update(100, -1));
        Assert.False(vwap.Update(double.NaN, 1));
        Assert.Equal(2, vwap.RejectedInputs);
    }

    [Fact]
    public void Daily_ResetsAtUtcMidnight_InMilliseconds()
    {
        var vwap = new DailyVwap();
        vwap.Update(Midnight - 1, 100, 1); // 23:59:59.999 on the 18th
        vwap.Update(Midnight - 1, 200, 1);
        Assert.Equal(150.0, vwap.Value);
        Assert.Equal(Midnight - DailyVwap.MillisecondsPerDay, vwap.DayStartMs);

        vwap.Update(Midnight, 300, 2); // 00:00:00.000 on the 19th: a new anchor
        Assert.Equal(300.0, vwap.Value);
        Assert.Equal(Midnight, vwap.DayStartMs);

        Assert.False(vwap.Update(Midnight - 5, 1, 1)); // yesterday's late observation does not reopen it
        Assert.Equal(1, vwap.RejectedInputs);
        Assert.Equal(300.0, vwap.Value);
    }

    [Fact]
    public void RollingOnRealTrades_EqualsNaiveDecimalWindow()
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

    [Fact]
    public void DailyOnRealTradesAcrossMidnight_EqualsNaiveDecimalPerDay()
    {
        var trades = NaiveTradeCsv.Load(RealSeries.MidnightFile).Where(t => t.IsMarket).ToList();
        Assert.Contains(trades, t => t.TimeMs < Midnight);
        Assert.Contains(trades, t => t.TimeMs >= Midnight);

        var vwap = new DailyVwap();
        decimal notional = 0, volume = 0;
        long day = -1;
        foreach (NaiveTrade t in trades)
        {
            vwap.Update(t.TimeMs, (double)t.Price, (double)t.Qty);
            long tradeDay = DateTimeOffset.FromUnixTimeMilliseconds(t.TimeMs).UtcDateTime.Date.Ticks;
            if (tradeDay != day)
            {
                day = tradeDay;
                notional = 0;
                volume = 0;
            }

            notional += t.Price * t.Qty;
            volume += t.Qty;
            RealSeries.AssertClose((double)(notional / volume), vwap.Value, 1e-9, $"daily VWAP at {t.TimeMs}");
        }

        Assert.Equal(Midnight, vwap.DayStartMs);
    }
}
