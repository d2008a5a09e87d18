using System.Net.Http;
using System.Text.Json;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Sim.Trading;

namespace Engine.Tests.Sim.Trading;

/// <summary>Request security over loopback: API key (-2014/-2015), signature (-1022), timestamp window and Clock:SkewMs (-1021); the accounts file.</summary>
public sealed class AuthTests
{
    private const string Order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000";

    [Fact]
    public async Task UnknownKey_Is401Minus2015_AndNoKeyIsMinus2014()
    {
        await using var h = await TradingHarness.StartAsync();
        using var unknown = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Order, apiKey: "nobody");
        Assert.Equal(401, (int)unknown.StatusCode);
        Assert.Equal(-2015, await CodeOf(unknown));
        using var none = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Order, apiKey: null);
        Assert.Equal(-2014, await CodeOf(none));
    }

    [Fact]
    public async Task WrongSecret_IsMinus1022_AndPlacesNothing()
    {
        await using var h = await TradingHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Order, secret: "not-the-secret");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(-1022, await CodeOf(response));
        Assert.Equal(0, h.Exchange.Desk.OrdersAccepted);
    }

    [Theory]
    [InlineData(-6000)] // older than the default recvWindow of 5000 ms
    [InlineData(10_000)] // 1000 ms or more ahead of the server: far ahead, as 1500 was only 500 ms from the bound and a CI
                         // run under load took longer than that to deliver the request (it was accepted)
    public async Task TimestampOutsideTheWindow_IsMinus1021(long offsetMs)
    {
        await using var h = await TradingHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Order, timestamp: TapeClock.WallClockMs + offsetMs);
        Assert.Equal(-1021, await CodeOf(response));
    }

    [Fact]
    public async Task ClockSkew_RefusesClientClockUntilItResyncsFromServerTime_AndIsCounted()
    {
        var faults = new SimFaults();
        faults.Clock.SkewMs = 30_000;
        await using var h = await TradingHarness.StartAsync(faults);
        using var skewed = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Order);
        Assert.Equal(-1021, await CodeOf(skewed));
        Assert.Equal(1, h.Exchange.FaultsInjected["Clock:SkewMs"]);

        // The client re-syncs: offset = serverTime − its own clock, then signs with its clock + offset.
        using JsonDocument time = JsonDocument.Parse(await h.Http.GetStringAsync("/fapi/v1/time"));
        long offset = time.RootElement.GetProperty("serverTime").GetInt64() - TapeClock.WallClockMs;
        Assert.InRange(offset, 29_000, 31_000);
        using var synced = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Order, timestamp: TapeClock.WallClockMs + offset);
        Assert.Equal(200, (int)synced.StatusCode);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"accounts":[]}""", "empty")]
    [InlineData("""{"accounts":[{"apiKey":"A"}]}""", "secretKey is missing")]
    [InlineData("""{"accounts":[{"apiKey":"A","secretKey":"B","balances":{"USDT":"ten"}}]}""", "not a non-negative decimal")]
    [InlineData("""{"accounts":[{"apiKey":"A","secretKey":"B","ed25519PublicKey":"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"}]}""", "not an Ed25519 public key")]
    public void BadAccountsFile_IsAClearError(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => SimAccounts.Parse(json, "accounts.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("accounts.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultAccount_IsATestKey_WithTenThousandUsdt()
    {
        SimAccounts a = SimAccounts.CreateDefault();
        Assert.True(a.IsDefault);
        Assert.StartsWith("SIMTEST", a.All[0].ApiKey, StringComparison.Ordinal);
        Assert.StartsWith("SIMTEST", a.All[0].SecretKey, StringComparison.Ordinal);
        Assert.Equal(10_000m, a.All[0].Balances["USDT"]);
        Assert.NotEqual(a.All[0].ApiKey, SimAccounts.CreateDefault().All[0].ApiKey);
    }

    internal static async Task<int> CodeOf(HttpResponseMessage response)
    {
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("code").GetInt32();
    }
}
