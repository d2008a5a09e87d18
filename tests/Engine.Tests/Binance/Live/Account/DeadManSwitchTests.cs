using System.Net.Http;
using Engine.Binance.Live.Account;
using Engine.Binance.Live.Alerts;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Trading;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.Account;

/// <summary>
/// The dead-man switch against the in-process sim: while the heartbeat runs, the sim's countdown keeps being renewed
/// and the resting entry stays; when the heartbeat dies (stopped without disarming, as a killed process), the sim
/// cancels the entry and keeps the protective algo stop and the position; a clean stop disarms the countdown; a
/// heartbeat the venue refuses fails arming and raises an alert.
/// </summary>
public sealed class DeadManSwitchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>A long position of 0.010 protected by an algo stop, and a resting entry <c>eng-1</c> below the market.</summary>
    private static async Task SetUpAsync(TradingHarness h)
    {
        h.Print("40000", "1", 1);
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010")).Status);
        h.Print("40000", "1", 2);
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=38000&reduceOnly=true&clientAlgoId=eng-2")).Status);
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=39000&newClientOrderId=eng-1")).Status);
    }

    private static async Task<int> CountAsync(TradingHarness h, string path) => (await h.CallAsync(HttpMethod.Get, path, "symbol=BTCUSDT")).Body.GetArrayLength();

    [Fact]
    public async Task HeartbeatKilled_VenueCancelsTheEntry_KeepsTheStopAndThePosition()
    {
        await using var h = await TradingHarness.StartAsync();
        await SetUpAsync(h);
        var options = new DeadManOptions { Period = TimeSpan.FromMilliseconds(250), Countdown = TimeSpan.FromSeconds(5) };
        await using var deadMan = new DeadManSwitch(SimAccess.Of(h), ["BTCUSDT"], options);

        long before = TapeClock.WallClockMs;
        Assert.True(await deadMan.ArmAsync());
        long? deadline = h.Exchange.Desk.CountdownDeadline(TradingHarness.ApiKey, "BTCUSDT");
        Assert.NotNull(deadline);
        Assert.InRange(deadline!.Value, before + 5000, TapeClock.WallClockMs + 5000);

        // Renewed for longer than one countdown (30 periods of 250 ms = 7.5 s > 5 s): nothing was cancelled.
        Assert.True(Deadline.WaitUntil(() => deadMan.Heartbeats >= 31, Wait));
        Assert.Equal(0, h.Exchange.Desk.CountdownsExpired);
        Assert.Equal(1, await CountAsync(h, "/fapi/v1/openOrders"));

        await deadMan.StopAsync(disarm: false); // the process "dies": no more heartbeats, the countdown is left running

        Assert.True(Deadline.WaitUntil(() => h.Exchange.Desk.CountdownCancels == 1, Wait));
        Assert.Equal(0, await CountAsync(h, "/fapi/v1/openOrders"));
        var (_, entry) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=eng-1");
        Assert.Equal("CANCELED", entry.GetProperty("status").GetString());
        var (_, algos) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        Assert.Equal(1, algos.GetArrayLength());
        Assert.Equal("eng-2", algos[0].GetProperty("clientAlgoId").GetString());
        var (_, risk) = await h.CallAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.010", risk[0].GetProperty("positionAmt").GetString());
        Assert.Contains(h.Events, e => e.Type == "ORDER_TRADE_UPDATE" && e.Json.Contains("\"c\":\"eng-1\"", StringComparison.Ordinal) && e.Json.Contains("\"X\":\"CANCELED\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CleanStop_Disarms_TheCountdown()
    {
        await using var h = await TradingHarness.StartAsync();
        await SetUpAsync(h);
        await using var deadMan = new DeadManSwitch(SimAccess.Of(h), ["BTCUSDT"], new DeadManOptions { Period = TimeSpan.FromSeconds(1), Countdown = TimeSpan.FromSeconds(10) });
        Assert.True(await deadMan.ArmAsync());
        Assert.NotNull(h.Exchange.Desk.CountdownDeadline(TradingHarness.ApiKey, "BTCUSDT"));

        await deadMan.StopAsync(disarm: true);

        Assert.Null(h.Exchange.Desk.CountdownDeadline(TradingHarness.ApiKey, "BTCUSDT"));
        Assert.Equal(1, await CountAsync(h, "/fapi/v1/openOrders"));
    }

    [Fact]
    public async Task RefusedHeartbeat_FailsArming_Counts_AndAlertsOnce()
    {
        await using var h = await TradingHarness.StartAsync();
        var alerts = new RecordingAlerts();
        await using var deadMan = new DeadManSwitch(SimAccess.Of(h, "SIMTESTwrongSecret"), ["BTCUSDT"], new DeadManOptions { Period = TimeSpan.FromMilliseconds(100), Countdown = TimeSpan.FromSeconds(10) }, alerts);

        Assert.False(await deadMan.ArmAsync());
        Assert.True(Deadline.WaitUntil(() => deadMan.Failures >= 3, Wait));

        Assert.Equal(0, deadMan.Heartbeats);
        Assert.Contains("-1022", deadMan.LastError, StringComparison.Ordinal);
        Assert.Single(alerts.All); // once per outage, not per failed beat
        Assert.Equal(AlertKind.DeadManFailing, alerts.All[0].Kind);
        Assert.DoesNotContain("SIMTESTwrongSecret", alerts.All[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_CountdownBelowTwoPeriods_IsRefused()
    {
        Assert.Single(new DeadManOptions { Period = TimeSpan.FromSeconds(30), Countdown = TimeSpan.FromSeconds(45) }.Validate());
        Assert.Empty(new DeadManOptions().Validate());
    }
}
