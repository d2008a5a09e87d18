using System.Net.Http;
using Engine.Sim.Faults;
using Engine.Sim.Trading;

namespace Engine.Tests.Sim.Trading;

/// <summary>Rate limits over loopback: the X-MBX headers, 429 with Retry-After, 418 bans that escalate, and the Limits:WeightPerMinute fault.</summary>
public sealed class RateLimitTests
{
    private const string Limit = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000";

    [Fact]
    public async Task EveryAnswer_CarriesUsedWeight_AndNewOrdersTheOrderCounts()
    {
        await using var h = await TradingHarness.StartAsync();
        FreezeClock(h, secondOfMinute: 5);
        using var read = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal("1", Header(read, "X-MBX-USED-WEIGHT-1M"));
        using var order = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        Assert.Equal("2", Header(order, "X-MBX-USED-WEIGHT-1M"));
        Assert.Equal("1", Header(order, "X-MBX-ORDER-COUNT-10S"));
        Assert.Equal("1", Header(order, "X-MBX-ORDER-COUNT-1M"));
        using var balance = await h.SendAsync(HttpMethod.Get, "/fapi/v2/balance", "");
        Assert.Equal("7", Header(balance, "X-MBX-USED-WEIGHT-1M")); // balance weighs 5
    }

    [Fact]
    public async Task OverTheWeight_Is429WithRetryAfter_AndAClientThatKeepsGoingIsBanned_LongerEachTime()
    {
        await using var h = await TradingHarness.StartAsync();
        SimLimits limits = h.Exchange.Limits;
        limits.SetRules([new RateLimitRule("REQUEST_WEIGHT", "MINUTE", 1, 3)]);
        limits.IgnoredBeforeBan = 2;
        long now = FreezeClock(h, secondOfMinute: 10);
        for (int i = 0; i < 3; i++)
        {
            using var ok = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
            Assert.Equal(200, (int)ok.StatusCode);
        }

        using (var limited = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", ""))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.Equal(-1003, await AuthTests.CodeOf(limited));
            Assert.Equal("50", Header(limited, "Retry-After")); // 50 s to the minute's end
        }

        for (int i = 0; i < 2; i++)
        {
            using var ignored = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
            Assert.Equal(429, (int)ignored.StatusCode);
        }

        using (var banned = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", ""))
        {
            Assert.Equal(418, (int)banned.StatusCode);
            Assert.Equal("120", Header(banned, "Retry-After")); // first ban: 2 minutes
        }

        // After the ban, in a new minute: served again; the same behaviour earns a ban twice as long.
        limits.ClockMs = () => now + 121_000;
        using (var again = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", ""))
        {
            Assert.Equal(200, (int)again.StatusCode);
        }

        int status = 0;
        string retry = "";
        for (int i = 0; i < 6 && status != 418; i++)
        {
            using var r = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
            status = (int)r.StatusCode;
            retry = Header(r, "Retry-After");
        }

        Assert.Equal((418, "240"), (status, retry));
        Assert.Equal(2, limits.Refused418);
    }

    [Fact]
    public async Task OverTheOrderCount_Is429Minus1015()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Exchange.Limits.SetRules([new RateLimitRule("REQUEST_WEIGHT", "MINUTE", 1, 2400), new RateLimitRule("ORDERS", "SECOND", 10, 2)]);
        FreezeClock(h, secondOfMinute: 1);
        for (int i = 0; i < 2; i++)
        {
            using var ok = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit + $"&newClientOrderId=o{i}");
            Assert.Equal(200, (int)ok.StatusCode);
        }

        using var limited = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(-1015, await AuthTests.CodeOf(limited));
        Assert.Equal("9", Header(limited, "Retry-After")); // 9 s to the 10-second window's end
        Assert.Equal(2, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task WeightPerMinuteFault_LowersTheLimit_AndIsCounted()
    {
        var faults = new SimFaults();
        faults.Limits.WeightPerMinute = 2;
        await using var h = await TradingHarness.StartAsync(faults);
        FreezeClock(h, secondOfMinute: 0);
        using var a = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
        using var b = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
        using var c = await h.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
        Assert.Equal((200, 200, 429), ((int)a.StatusCode, (int)b.StatusCode, (int)c.StatusCode));
        Assert.Equal(1, h.Exchange.FaultsInjected["Limits:WeightPerMinute"]);
    }

    /// <summary>Pins the limiter's clock inside one minute, so no test straddles a window boundary.</summary>
    private static long FreezeClock(TradingHarness h, int secondOfMinute)
    {
        long now = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000) + (secondOfMinute * 1000L);
        h.Exchange.Limits.ClockMs = () => now;
        return now;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
