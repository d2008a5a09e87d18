using System.IO.Compression;
using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Tests.Support;

namespace Engine.Tests.Oms;

/// <summary>
/// Long paths through the OMS and the paper venue: realised PnL and fees must equal what the fills say, recomputed
/// here in decimal from every fill report, and the OMS's position must equal the venue's after every trade.
/// </summary>
public class ReconciliationTests
{
    private static readonly OrderManagerOptions Options = new()
    {
        TrailingDistanceTicks = 40,
        TrailingStepTicks = 5,
        MaxHoldMs = 10 * 60_000,
        EntryTimeoutMs = 20_000,
        StopRetries = 1,
    };

    private static readonly PaperVenueOptions Venue = new() { LatencyMs = 50, SlippageTicks = 1 };

    [Fact]
    public void SeededRandomPath_PnlAndFeesReconcileExactlyWithTheFills()
    {
        var s = new PaperScript(Options with { MaxHoldMs = 180_000 }, Venue);
        var rng = new Random(20240808);
        long t = 1_700_000_000_000;
        long ticks = 600_000; // 60000.0
        for (int i = 0; i < 60_000; i++)
        {
            t += rng.Next(1, 400);
            ticks += rng.Next(-25, 26);
            s.Trade(t, FixedPoint.ToString(ticks * 10_000_000), FixedPoint.ToString(rng.Next(1, 400) * 100_000));
            if (rng.Next(100) == 0)
            {
                Side side = rng.Next(2) == 0 ? Side.Buy : Side.Sell;
                string qty = FixedPoint.ToString(rng.Next(2, 40) * 100_000);
                string stop = FixedPoint.ToString(rng.Next(30, 3000) * 10_000_000);
                string last = FixedPoint.ToString(ticks * 10_000_000);
                if (rng.Next(3) == 0)
                {
                    string limit = FixedPoint.ToString((ticks + (side == Side.Buy ? -rng.Next(0, 20) : rng.Next(0, 20))) * 10_000_000);
                    s.Enter(t, side, qty, stop, last, OrderType.Limit, limit);
                }
                else
                {
                    s.Enter(t, side, qty, stop, last);
                }
            }

            Assert.Equal(s.Venue.PositionOf(PaperScript.Btc), s.Position.Size);
        }

        CloseAndAssertReconciled(s, t, ticks * 10_000_000);
        Assert.True(s.Oms.Counters.PositionsClosed > 80, $"only {s.Oms.Counters.PositionsClosed} positions closed");
        Assert.True(s.Oms.Counters.TrailingMoves > 0);
        Assert.True(s.Oms.Counters.TimeExits > 0, $"time exits {s.Oms.Counters.TimeExits}, closed {s.Oms.Counters.PositionsClosed}, trailing {s.Oms.Counters.TrailingMoves}");
    }

    [Fact]
    public void RealBtcTrades_PnlAndFeesReconcileExactlyWithTheFills()
    {
        string path = RepoData.Path("binance", "trades", "futures_um", "BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz");
        var s = new PaperScript(Options with { MaxHoldMs = 60_000 }, Venue);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        reader.ReadLine();
        long nextEntryMs = 0;
        bool buy = true;
        long lastMs = 0;
        long lastPriceE8 = 0;
        int trades = 0;
        while (reader.ReadLine() is { } line)
        {
            string[] f = line.Split(',');
            var trade = new Trade
            {
                Symbol = PaperScript.Btc,
                Price = Price.Parse(f[1]),
                Quantity = Quantity.Parse(f[2]),
                TradeTimeMs = long.Parse(f[3]),
                BuyerIsMaker = f[4] == "true",
                Type = f.Length > 7 && f[7] != "MARKET" ? TradeType.InsuranceFund : TradeType.Market,
            };
            s.OnTrade(in trade);
            trades++;
            lastMs = trade.TradeTimeMs;
            lastPriceE8 = trade.Price.E8;
            if (lastMs >= nextEntryMs)
            {
                // a stand-in for PEAKs until the signal stage is wired: every 20 s, alternating sides
                s.OnEntry(new EntryPlan(PaperScript.Btc, buy ? Side.Buy : Side.Sell, Quantity.Parse("0.05"), Price.Parse("15"), trade.Price, lastMs));
                buy = !buy;
                nextEntryMs = lastMs + 20_000;
            }

            Assert.Equal(s.Venue.PositionOf(PaperScript.Btc), s.Position.Size);
        }

        Assert.Equal(21_313, trades);
        CloseAndAssertReconciled(s, lastMs, lastPriceE8);
        Assert.True(s.Fills().Count > 20);
    }

    private static void CloseAndAssertReconciled(PaperScript s, long t, long priceE8)
    {
        s.Oms.FlattenNow(PaperScript.Btc, t);
        for (int k = 1; k <= 5; k++)
        {
            s.Trade(t + (k * 1000), FixedPoint.ToString(priceE8), "100");
        }

        Assert.True(s.Position.IsFlat);
        Assert.Equal(Quantity.Zero, s.Venue.PositionOf(PaperScript.Btc));

        decimal cash = 0m;
        decimal fees = 0m;
        foreach (VenueReport fill in s.Fills())
        {
            decimal notional = fill.LastPrice.ToDecimal() * fill.LastQuantity.ToDecimal();
            cash += fill.Side == Side.Sell ? notional : -notional;
            decimal expectedFee = decimal.Round(notional * (fill.IsMaker ? 0.0002m : 0.0005m), 8, MidpointRounding.ToEven);
            Assert.Equal(expectedFee, fill.Fee.ToDecimal());
            fees += expectedFee;
        }

        Assert.Equal(cash, s.Position.RealizedPnl.ToDecimal());
        Assert.Equal(fees, s.Position.Fees.ToDecimal());
        Assert.Equal(s.Fills().Count, s.Position.Fills);
        Assert.Equal(0, s.Oms.Counters.IllegalTransitions);
        Assert.Equal(0, s.Oms.Counters.UnknownOrderReports);
        Assert.Equal(0, s.Oms.WorkingOrders);
        Assert.Equal(0, s.Venue.RestingOrders);
    }
}
