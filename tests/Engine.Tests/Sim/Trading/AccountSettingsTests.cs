using System.Net.Http;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// The sim's account-settings paths answer as Binance documents them: position mode, multi-assets mode and margin
/// type read and changed, the "no need to change" and "cannot change while …" codes, and an order in hedge mode
/// refused with -4061.
/// </summary>
public sealed class AccountSettingsTests
{
    [Fact]
    public async Task PositionMode_ReadChanged_AndTheBinanceCodes()
    {
        await using var h = await TradingHarness.StartAsync();
        Assert.False((await h.CallAsync(HttpMethod.Get, "/fapi/v1/positionSide/dual", "")).Body.GetProperty("dualSidePosition").GetBoolean());
        Assert.Equal(-4059, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=false")).Body.GetProperty("code").GetInt32());

        var (status, body) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true");
        Assert.Equal(200, status);
        Assert.Equal(200, body.GetProperty("code").GetInt32());
        Assert.True((await h.CallAsync(HttpMethod.Get, "/fapi/v1/positionSide/dual", "")).Body.GetProperty("dualSidePosition").GetBoolean());

        var (refused, why) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000");
        Assert.Equal(400, refused);
        Assert.Equal(-4061, why.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task PositionMode_CannotChange_WithAnOpenOrder()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1", 1);
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=39000")).Status);

        Assert.Equal(-4067, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true")).Body.GetProperty("code").GetInt32());
        Assert.Equal(-4047, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED")).Body.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task MultiAssetsMode_AndMarginType_ReadAndChanged()
    {
        await using var h = await TradingHarness.StartAsync();
        Assert.False((await h.CallAsync(HttpMethod.Get, "/fapi/v1/multiAssetsMargin", "")).Body.GetProperty("multiAssetsMargin").GetBoolean());
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/multiAssetsMargin", "multiAssetsMargin=true")).Status);
        Assert.True((await h.CallAsync(HttpMethod.Get, "/fapi/v1/multiAssetsMargin", "")).Body.GetProperty("multiAssetsMargin").GetBoolean());

        Assert.Equal(-4046, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=CROSSED")).Body.GetProperty("code").GetInt32());
        Assert.Equal(-1130, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=cross")).Body.GetProperty("code").GetInt32());
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED")).Status);
        Assert.Equal("isolated", (await h.CallAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT")).Body[0].GetProperty("marginType").GetString());
    }
}
