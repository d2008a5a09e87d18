using System.Text.Json;
using Engine.Binance.Live.Alerts;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Risk;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.Alerts;

/// <summary>
/// Pooled alert messages: the text formatted in place (a quantity's exact digits, an enum's name, a cut at the
/// capacity ending in "…"); the sink's pool filled once at start and reused (ten queues' worth of alerts create no
/// message); a pooled message posted with the same JSON as before; and the gateway's seat, the alerting output
/// consumer, raising flatten, protective-reject and halt alerts with zero bytes allocated on its thread once warm.
/// </summary>
public sealed class AlertMessageTests
{
    [Fact]
    public void Write_FormatsInPlace_QuantityDigitsAndEnumNames()
    {
        var m = new AlertMessage();
        var quantity = Quantity.Parse("0.00120");
        m.Write($"flatten: SELL {quantity} at market (order {42L}), role {OrderRole.StopLoss}, code {(int)BinanceErrorCode.OrderWouldImmediatelyTrigger}");
        Assert.Equal("flatten: SELL 0.0012 at market (order 42), role StopLoss, code -2021", m.ToString());

        m.Write("short");
        Assert.Equal("short", m.ToString());
    }

    [Fact]
    public void Write_TextLongerThanTheCapacity_IsCut_EndingWithAnEllipsis()
    {
        var m = new AlertMessage();
        string longText = new('x', AlertMessage.Capacity + 10);
        m.Write(longText);
        Assert.Equal(AlertMessage.Capacity, m.Text.Length);
        Assert.Equal('…', m.Text[^1]);
        Assert.Equal(new string('x', AlertMessage.Capacity - 1), m.Text[..^1].ToString());

        string head = new('a', AlertMessage.Capacity - 3);
        m.Write($"{head}{"bcdef"}");
        Assert.Equal(head + "bc…", m.ToString());

        m.Write($"{head}{"bc"}{123_456L}");
        Assert.Equal(head + "bc…", m.ToString()); // the number did not fit: what fitted, then the mark
    }

    [Fact]
    public async Task Sink_ReusesItsMessages_TenQueuesOfAlertsCreateNone()
    {
        long now = 0;
        var options = new AlertOptions { QueueCapacity = 16, MaxPerMinute = 10_000 };
        await using var sink = new AlertSink(options, () => now, null);
        for (int i = 0; i < 10 * options.QueueCapacity; i++)
        {
            now += 60_000; // a full bucket each time: only the queue can drop
            AlertMessage m = sink.Rent();
            m.Kind = AlertKind.Halt;
            m.Write($"alert {i}");
            sink.Raise(m);
        }

        Assert.Equal(10 * options.QueueCapacity, sink.Raised);
        Assert.Equal(options.QueueCapacity + 5, sink.MessagesCreated); // filled at start: a full queue, the sender's, four raising threads'
    }

    [Fact]
    public async Task PooledMessage_IsPostedWithItsFields_AndTheStringFormTheSame()
    {
        using var hook = new WebhookListener();
        await using (var sink = new AlertSink(new AlertOptions { WebhookUrl = hook.Url, Source = "host-b" }))
        {
            AlertMessage m = sink.Rent();
            m.Kind = AlertKind.ProtectiveReject;
            m.Symbol = "ETHUSDT";
            m.Write($"the venue rejected the {OrderRole.StopLoss} order {7L}: Binance code {-2021}");
            Assert.True(sink.Raise(m));
            Assert.True(sink.Raise(AlertKind.ProtectiveReject, "ETHUSDT", "the venue rejected the StopLoss order 7: Binance code -2021"));
            Assert.True(Deadline.WaitUntil(() => sink.Sent == 2, TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(2, hook.Posts.Count);
        using JsonDocument first = JsonDocument.Parse(hook.Posts[0].Body);
        using JsonDocument second = JsonDocument.Parse(hook.Posts[1].Body);
        JsonElement a = first.RootElement;
        Assert.Equal("protective_reject", a.GetProperty("kind").GetString());
        Assert.Equal("ETHUSDT", a.GetProperty("symbol").GetString());
        Assert.Equal("the venue rejected the StopLoss order 7: Binance code -2021", a.GetProperty("message").GetString());
        Assert.Equal("[protective_reject] ETHUSDT the venue rejected the StopLoss order 7: Binance code -2021", a.GetProperty("text").GetString());
        Assert.Equal(a.GetProperty("text").GetString(), a.GetProperty("content").GetString());
        Assert.Equal("host-b", a.GetProperty("source").GetString());
        Assert.Equal(1, a.GetProperty("sequence").GetInt64());
        Assert.Equal(a.GetProperty("message").GetString(), second.RootElement.GetProperty("message").GetString());
        Assert.Equal(2, second.RootElement.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task AlertingConsumer_RaisesAlerts_WithoutAllocatingOnItsThread()
    {
        long now = 0;
        await using var sink = new AlertSink(new AlertOptions { QueueCapacity = 64, MaxPerMinute = 10_000 }, () => Volatile.Read(ref now), null);
        var consumer = new AlertingOutputHandler(new Inner(), sink, new SymbolRegistry(["BTCUSDT", "ETHUSDT"]));
        var flatten = new OutputEvent
        {
            Kind = OutputKind.OrderRequested,
            OrderRole = OrderRole.Flatten,
            Order = new OrderRequest(OrderCommand.Submit, new ClientOrderId(9001), default, new SymbolId(1), Side.Sell, OrderType.Market, default, default, default, Quantity.Parse("0.25"), true, 0),
        };
        var reject = new OutputEvent
        {
            Kind = OutputKind.VenueReported,
            OrderRole = OrderRole.StopLoss,
            Report = new VenueReport { Kind = VenueReportKind.Rejected, ClientId = new ClientOrderId(9002), Symbol = new SymbolId(0), ErrorCode = BinanceErrorCode.OrderWouldImmediatelyTrigger },
        };
        var halt = new OutputEvent { Kind = OutputKind.BreakerChanged, BreakerState = TradingState.Halted };

        for (int i = 0; i < 2_000; i++) // warm-up: the JIT, the pool, the queue's own storage
        {
            Volatile.Write(ref now, now + 60_000);
            consumer.OnEvent(ref flatten, i, true);
            consumer.OnEvent(ref reject, i, true);
            consumer.OnEvent(ref halt, i, true);
        }

        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 3_000; i++)
            {
                Volatile.Write(ref now, now + 60_000);
                consumer.OnEvent(ref flatten, i, true);
                consumer.OnEvent(ref reject, i, true);
                consumer.OnEvent(ref halt, i, true);
            }
        });

        Assert.True(consumer.AlertsRaised >= 6_000 + 9_000 + 9_000); // the warm-up, AssertZero's own and a measured run
        Assert.Equal(consumer.AlertsRaised, sink.Raised);
        Assert.Equal(64 + 5, sink.MessagesCreated);
    }

    private sealed class Inner : IEventHandler<OutputEvent>
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
}
