using Engine.Binance.Live.Alerts;
using Engine.Binance.Live.Health;
using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Risk;
using Engine.Tests.Binance.Live.Account;
using Engine.Tests.Binance.Live.UserData;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Binance.Live.Health;

/// <summary>
/// The health rule with a test clock (each look's outcome exact): a link down past the limit with a position open
/// publishes one Halt (or Flatten) and alerts; no position, no action; the link's return re-arms it; reconnect storms
/// alerted once per window. End to end: the rule's Halt enters a live pipeline's input ring and the engine is
/// Halted, the position known from the venue's account update through <see cref="VenuePositionWatch"/>, and the
/// breaker's change alerted by <see cref="AlertingOutputHandler"/>.
/// </summary>
public sealed class HealthMonitorTests
{
    private sealed class Link
    {
        public bool Up = true;
        public long Reconnects;

        public HealthLink As(string name) => new(name, () => Up, () => Reconnects);
    }

    private static readonly HealthOptions Options = new() { MaxDownWithPosition = TimeSpan.FromSeconds(30), CheckInterval = TimeSpan.FromSeconds(1), ReconnectStormCount = 3, ReconnectStormWindow = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task DownPastTheLimit_WithAPosition_HaltsOnce_AndAlerts()
    {
        long now = 0;
        var feed = new Link();
        var commands = new List<OperatorCommand>();
        var alerts = new RecordingAlerts();
        await using var monitor = new HealthMonitor(Options, [feed.As("market feed")], () => true, c => { commands.Add(c); return true; }, alerts, () => now);

        Assert.Equal(OperatorCommandKind.None, monitor.Check());
        feed.Up = false;
        now = 1_000;
        Assert.Equal(OperatorCommandKind.None, monitor.Check()); // down from here
        now = 30_999;
        Assert.Equal(OperatorCommandKind.None, monitor.Check()); // 29.999 s
        now = 31_000;
        Assert.Equal(OperatorCommandKind.Halt, monitor.Check()); // 30 s
        now = 60_000;
        Assert.Equal(OperatorCommandKind.None, monitor.Check()); // once per outage

        Assert.Single(commands);
        Assert.Equal(OperatorCommandKind.Halt, commands[0].Kind);
        Assert.Equal(SymbolId.None, commands[0].Symbol);
        Assert.Single(alerts.All);
        Assert.Equal(AlertKind.Halt, alerts.All[0].Kind);
        Assert.StartsWith("market feed down 30 s with a position open: halted", alerts.All[0].Message, StringComparison.Ordinal);

        feed.Up = true; // back: the rule re-arms (the engine stays halted until an operator resumes)
        now = 61_000;
        monitor.Check();
        feed.Up = false;
        now = 62_000;
        monitor.Check();
        now = 92_000;
        Assert.Equal(OperatorCommandKind.Halt, monitor.Check());
        Assert.Equal(2, monitor.Actions);
    }

    [Fact]
    public async Task NoPosition_NoAction_UntilOneOpens_FlattenWhenConfigured()
    {
        long now = 0;
        bool position = false;
        var stream = new Link { Up = false };
        var commands = new List<OperatorCommand>();
        await using var monitor = new HealthMonitor(Options with { Flatten = true }, [stream.As("user stream")], () => position, c => { commands.Add(c); return true; }, null, () => now);

        monitor.Check();
        now = 120_000;
        Assert.Equal(OperatorCommandKind.None, monitor.Check());
        position = true;
        Assert.Equal(OperatorCommandKind.Flatten, monitor.Check());
        Assert.Equal(OperatorCommandKind.Flatten, Assert.Single(commands).Kind);
    }

    [Fact]
    public async Task RingRefusesTheCommand_RetriedAtTheNextLook()
    {
        long now = 0;
        var feed = new Link { Up = false };
        bool accept = false;
        await using var monitor = new HealthMonitor(Options, [feed.As("market feed")], () => true, _ => accept, null, () => now);
        monitor.Check();
        now = 30_000;
        Assert.Equal(OperatorCommandKind.None, monitor.Check());
        Assert.Equal(1, monitor.PublishFailures);
        accept = true;
        now = 31_000;
        Assert.Equal(OperatorCommandKind.Halt, monitor.Check());
    }

    [Fact]
    public async Task ReconnectStorm_AlertedOncePerWindow()
    {
        long now = 0;
        var feed = new Link();
        var alerts = new RecordingAlerts();
        await using var monitor = new HealthMonitor(Options, [feed.As("market feed")], () => false, _ => true, alerts, () => now);
        monitor.Check();
        for (int i = 1; i <= 2; i++)
        {
            now += 1_000;
            feed.Reconnects++;
            monitor.Check();
        }

        Assert.Empty(alerts.All); // 2 in the window
        now += 1_000;
        feed.Reconnects++;
        monitor.Check();
        Assert.Equal("market feed: 3 reconnects within 60 s", Assert.Single(alerts.All).Message);
        now += 1_000;
        feed.Reconnects++;
        monitor.Check();
        Assert.Single(alerts.All); // same window
        now += 120_000; // the old reconnects leave the window
        monitor.Check();
        now += 1_000;
        feed.Reconnects += 3;
        monitor.Check();
        Assert.Equal(2, alerts.All.Count);
        Assert.Equal(2, monitor.Storms);
    }

    /// <summary>The outputs a live run's alerting consumer wraps (the gateway's seat).</summary>
    private sealed class NoConsumer : IEventHandler<OutputEvent>
    {
        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
        {
        }

        public void OnShutdown()
        {
        }
    }

    private struct NullJournal : IEventHandler<OutputEvent>
    {
        public readonly void OnStart()
        {
        }

        public readonly void OnBatchStart(long batchSize)
        {
        }

        public readonly void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
        {
        }

        public readonly void OnShutdown()
        {
        }
    }

    [Fact]
    public async Task EndToEnd_HaltEntersTheInputRing_EngineHalted_BreakerAlerted()
    {
        var alerts = new RecordingAlerts();
        var consumer = new AlertingOutputHandler(new NoConsumer(), alerts, new SymbolRegistry(["BTCUSDT"]));
        var runtime = new PipelineRuntime { LiveInput = true, PaperVenue = false, EngineWait = WaitStrategyKind.Yielding, InputRingSize = 256, OutputRingSize = 1 << 12 };
        var pipeline = new EnginePipeline<NullJournal>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, default, new PipelineAttachments { OutputConsumer = consumer });
        var watch = new VenuePositionWatch(new InputPublisherSink(pipeline.Input));
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Position, Symbol = new SymbolId(0), Amount = Quantity.Parse("0.010"), Price = Price.Parse("40000"), EventTimeMs = 1_723_161_256_000 });
        Assert.True(watch.AnyOpen);

        long now = 0;
        var stream = new Link { Up = false };
        await using var monitor = new HealthMonitor(Options, [stream.As("user stream")], () => watch.AnyOpen, c => pipeline.TryPublish(in c), alerts, () => now);
        monitor.Check();
        now = 30_000;
        Assert.Equal(OperatorCommandKind.Halt, monitor.Check());

        using var stop = new CancellationTokenSource();
        stop.Cancel(); // what was published before the stop is applied
        pipeline.RunLive(stop.Token);

        Assert.Equal(TradingState.Halted, pipeline.Engine.Risk.State);
        Assert.Contains(alerts.All, a => a.Kind == AlertKind.Halt && a.Message.StartsWith("user stream down 30 s", StringComparison.Ordinal));
        Assert.Contains(alerts.All, a => a.Kind == AlertKind.Halt && a.Message.StartsWith("the engine is halted", StringComparison.Ordinal));
    }

    [Fact]
    public void PositionWatch_FollowsTheVenuesAmounts_PerSymbol()
    {
        var sink = new RecordingSink();
        var watch = new VenuePositionWatch(sink);
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Position, Symbol = new SymbolId(0), Amount = Quantity.Parse("0.010") });
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Position, Symbol = new SymbolId(1), Amount = Quantity.Parse("-2") });
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Balance, Amount = default });
        Assert.Equal(2, watch.OpenCount);
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Position, Symbol = new SymbolId(0), Amount = default });
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Position, Symbol = new SymbolId(0), Amount = default });
        Assert.Equal(1, watch.OpenCount);
        watch.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Position, Symbol = new SymbolId(1), Amount = default });
        Assert.False(watch.AnyOpen);
        Assert.Equal(6, sink.Updates.Count); // everything passed on
    }

    [Fact]
    public void AlertingOutputHandler_ProtectiveReject_AndFlatten_Alerted_EntryRejectNot()
    {
        var alerts = new RecordingAlerts();
        var handler = new AlertingOutputHandler(new NoConsumer(), alerts, new SymbolRegistry(["BTCUSDT"]));
        var stopRejected = new OutputEvent { Kind = OutputKind.VenueReported, OrderRole = OrderRole.StopLoss, Report = new VenueReport { Kind = VenueReportKind.Rejected, ClientId = new ClientOrderId(7), Symbol = new SymbolId(0), ErrorCode = BinanceErrorCode.OrderWouldImmediatelyTrigger } };
        var entryRejected = stopRejected with { OrderRole = OrderRole.Entry };
        var flatten = new OutputEvent { Kind = OutputKind.OrderRequested, OrderRole = OrderRole.Flatten, Order = new OrderRequest(OrderCommand.Submit, new ClientOrderId(8), OrderId.None, new SymbolId(0), Side.Sell, OrderType.Market, TimeInForce.None, Price.Zero, Price.Zero, Quantity.Parse("0.010"), true, 0) };

        handler.OnEvent(ref stopRejected, 0, true);
        handler.OnEvent(ref entryRejected, 1, true);
        handler.OnEvent(ref flatten, 2, true);

        Assert.Equal(2, alerts.All.Count);
        Assert.Equal((AlertKind.ProtectiveReject, "BTCUSDT", "the venue rejected the StopLoss order 7: Binance code -2021 (OrderWouldImmediatelyTrigger)"), alerts.All[0]);
        Assert.Equal((AlertKind.Flatten, "BTCUSDT", "flatten: SELL 0.01 at market (order 8)"), alerts.All[1]);
    }
}
