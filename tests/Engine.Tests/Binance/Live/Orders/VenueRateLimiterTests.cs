using Engine.Binance.Live.Orders;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>The gateway's buckets with hand-computed windows, waits and header corrections.</summary>
public sealed class VenueRateLimiterTests
{
    [Fact]
    public void Orders_OverTheWindowLimit_WaitUntilTheWindowEnds()
    {
        var limiter = new VenueRateLimiter([new RateLimitRule(true, 10_000, 5)], headroom: 0, clockGuardMs: 0);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0, limiter.TryAcquire(21_000, 1, isOrder: true));
        }

        Assert.Equal(9_000, limiter.TryAcquire(21_000, 1, isOrder: true)); // window [20 000, 30 000)
        Assert.Equal(0, limiter.TryAcquire(21_000, 1, isOrder: false)); // a query is not an order
        Assert.Equal(0, limiter.TryAcquire(30_000, 1, isOrder: true)); // the next window
    }

    [Fact]
    public void Headroom_And_ClockGuard_AreKeptOff_TheBudget()
    {
        var limiter = new VenueRateLimiter([new RateLimitRule(false, 60_000, 10)], headroom: 2, clockGuardMs: 50);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0, limiter.TryAcquire(60_100, 1, isOrder: false));
        }

        Assert.Equal(60_000 + 60_000 + 50 - 60_100, limiter.TryAcquire(60_100, 1, isOrder: false));
        Assert.NotEqual(0, limiter.TryAcquire(120_020, 1, isOrder: false)); // the venue may not have rolled yet
        Assert.Equal(0, limiter.TryAcquire(120_050, 1, isOrder: false));
    }

    /// <summary>
    /// A clock synced over a slow round trip (400 ms: the server's time is known to ±200 ms) widens the guard to 200 ms:
    /// a bucket refilled on the 50 ms guard could spend the next window's budget while the venue is still in this one.
    /// </summary>
    [Fact]
    public void ClockUncertainty_WidensTheGuard_ToHalfTheSyncsRoundTrip()
    {
        var clock = new ServerClock(() => 0);
        clock.Update(serverMs: 1_000, sentLocalMs: 800, receivedLocalMs: 1_200);
        Assert.Equal(200, clock.UncertaintyMs);
        var limiter = new VenueRateLimiter([new RateLimitRule(false, 60_000, 10)], headroom: 2, clockGuardMs: 50) { ClockUncertaintyMs = () => clock.UncertaintyMs };
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0, limiter.TryAcquire(60_300, 1, isOrder: false));
        }

        Assert.Equal(60_000 + 60_000 + 200 - 60_300, limiter.TryAcquire(60_300, 1, isOrder: false));
        Assert.NotEqual(0, limiter.TryAcquire(120_100, 1, isOrder: false)); // past the 50 ms guard, within the uncertainty
        Assert.Equal(0, limiter.TryAcquire(120_200, 1, isOrder: false));
    }

    /// <summary>
    /// ORDERS 5 a second, 2 kept back (3 to spend), our estimate of the venue's time good to ±50 ms. Three orders sent at
    /// 1,010 may reach the venue in its window [0, 1 000) or [1 000, 2 000): they are charged to both, so the fourth waits
    /// until 2,050, when nothing can land in either. Charged to the first window alone (the build before), the fourth
    /// went at 1,050 with three more, and the venue could count six in [1 000, 2 000): a CI run earned a 429 this way.
    /// </summary>
    [Fact]
    public void Requests_NearAWindowsEdge_AreChargedToBothWindows_SoNeitherIsOverspent()
    {
        var limiter = new VenueRateLimiter([new RateLimitRule(true, 1_000, 5)], headroom: 2, clockGuardMs: 50);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, limiter.TryAcquire(1_010, 1, isOrder: true));
        }

        Assert.Equal(2_000 + 50 - 1_010, limiter.TryAcquire(1_010, 1, isOrder: true));
        Assert.NotEqual(0, limiter.TryAcquire(1_050, 1, isOrder: true));
        Assert.NotEqual(0, limiter.TryAcquire(2_049, 1, isOrder: true));
        Assert.Equal(0, limiter.TryAcquire(2_050, 1, isOrder: true)); // [2 000, 3 000) only

        var middle = new VenueRateLimiter([new RateLimitRule(true, 1_000, 5)], headroom: 2, clockGuardMs: 50);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, middle.TryAcquire(1_500, 1, isOrder: true)); // one window only
        }

        Assert.Equal(2_000 + 50 - 1_500, middle.TryAcquire(1_500, 1, isOrder: true));
        Assert.Equal(3, middle.UsedOf(0));
    }

    [Fact]
    public void Headers_ReplaceTheCount_WithTheVenues()
    {
        var limiter = new VenueRateLimiter(RateLimitRule.BinanceDefaults, headroom: 2, clockGuardMs: 0);
        Assert.Equal(0, limiter.TryAcquire(1_000, 1, isOrder: true));
        limiter.Correct(1_000, usedWeight1m: 2398, orderCount10s: 12, orderCount1m: 40); // others spent from the same IP
        Assert.Equal(2398, limiter.UsedOf(0));
        Assert.Equal(40, limiter.UsedOf(1));
        Assert.Equal(12, limiter.UsedOf(2));
        Assert.Equal(59_000, limiter.TryAcquire(1_000, 1, isOrder: false)); // 2398 + 1 > 2400 - 2
        limiter.Correct(1_000, usedWeight1m: 100, orderCount10s: -1, orderCount1m: -1);
        Assert.Equal(0, limiter.TryAcquire(1_000, 1, isOrder: false));
        Assert.Equal(12, limiter.UsedOf(2)); // -1: not given, kept
    }

    [Fact]
    public void Throttle_StopsEverything_UntilRetryAfter()
    {
        var limiter = new VenueRateLimiter(RateLimitRule.BinanceDefaults);
        limiter.Throttle(5_000);
        Assert.Equal(4_000, limiter.TryAcquire(1_000, 1, isOrder: false));
        Assert.Equal(5_000, limiter.ThrottledUntilMs);
        Assert.Equal(0, limiter.TryAcquire(5_000, 1, isOrder: false));
    }

    [Fact]
    public void Rules_FromBinancesRecordedExchangeInfo()
    {
        using var file = File.OpenRead(Support.RepoData.Path("binance", "rest", "cryptofeed", "futures_um_fapi_v1_exchangeInfo_2021-07-21.json.gz"));
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        byte[] json = bytes.ToArray();
        Assert.Equal(
            [new RateLimitRule(false, 60_000, 2400), new RateLimitRule(true, 60_000, 1200), new RateLimitRule(true, 10_000, 300)],
            RateLimitRule.FromExchangeInfo(json));
        Assert.Equal(RateLimitRule.BinanceDefaults, RateLimitRule.FromExchangeInfo("""{"rateLimits":[]}"""u8));
    }
}
