using System.Text.Json;
using Engine.Binance.Live.Alerts;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.Alerts;

/// <summary>
/// <see cref="AlertSink"/> against a local HTTP listener: the JSON it POSTs, the rate limit (a test clock, so the count
/// is exact: 3 per minute lets 3 through, the next one sent a minute later says 7 were suppressed), a failing
/// webhook counted, and a hung webhook that fills the bounded queue while <see cref="AlertSink.Raise"/> keeps returning.
/// </summary>
public sealed class AlertSinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Alert_IsPostedAsJson_WithItsFields()
    {
        using var hook = new WebhookListener();
        await using (var sink = new AlertSink(new AlertOptions { WebhookUrl = hook.Url, Source = "host-a run-1" }))
        {
            Assert.True(sink.Raise(AlertKind.Halt, "BTCUSDT", "user stream down 45 s with a position open: halted"));
            Assert.True(sink.Raise(AlertKind.ReconnectStorm, null, "market feed: 6 reconnects in 60 s"));
            Assert.True(Deadline.WaitUntil(() => sink.Sent == 2, Wait));
        }

        var posts = hook.Posts;
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("application/json", posts[0].ContentType, StringComparison.Ordinal);
        using JsonDocument first = JsonDocument.Parse(posts[0].Body);
        JsonElement a = first.RootElement;
        Assert.Equal("halt", a.GetProperty("kind").GetString());
        Assert.Equal("BTCUSDT", a.GetProperty("symbol").GetString());
        Assert.Equal("user stream down 45 s with a position open: halted", a.GetProperty("message").GetString());
        Assert.Equal("host-a run-1", a.GetProperty("source").GetString());
        Assert.Equal(1, a.GetProperty("sequence").GetInt64());
        Assert.Equal(0, a.GetProperty("suppressed").GetInt64());
        Assert.Equal("[halt] BTCUSDT user stream down 45 s with a position open: halted", a.GetProperty("text").GetString());
        Assert.True(DateTime.TryParse(a.GetProperty("time").GetString(), out _));
        using JsonDocument second = JsonDocument.Parse(posts[1].Body);
        Assert.Equal("reconnect_storm", second.RootElement.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("symbol").ValueKind);
    }

    [Fact]
    public async Task RateLimit_ThreePerMinute_DropsTheRest_AndTheNextAlertSaysHowMany()
    {
        using var hook = new WebhookListener();
        long now = 1_000_000;
        await using var sink = new AlertSink(new AlertOptions { WebhookUrl = hook.Url, MaxPerMinute = 3 }, () => now, null);

        int taken = 0;
        for (int i = 0; i < 10; i++)
        {
            taken += sink.Raise(AlertKind.ProtectiveReject, "BTCUSDT", $"stop {i} rejected -2021") ? 1 : 0;
        }

        Assert.Equal(3, taken);
        Assert.Equal(7, sink.DroppedRateLimited);
        now += 20_000; // a third of a minute: one token back (3 per 60 s)
        Assert.True(sink.Raise(AlertKind.Halt, null, "halted"));
        Assert.False(sink.Raise(AlertKind.Halt, null, "halted again"));
        Assert.True(Deadline.WaitUntil(() => sink.Sent == 4, Wait));
        using JsonDocument last = JsonDocument.Parse(hook.Posts[3].Body);
        Assert.Equal(7, last.RootElement.GetProperty("suppressed").GetInt64());
        Assert.Equal(12, sink.Raised); // 4 taken, 8 rate-limited
        Assert.Equal(8, sink.DroppedRateLimited);
    }

    [Fact]
    public async Task FailingWebhook_IsCounted_NotRetried()
    {
        using var hook = new WebhookListener { Status = 500 };
        await using var sink = new AlertSink(new AlertOptions { WebhookUrl = hook.Url });
        sink.Raise(AlertKind.Flatten, "BTCUSDT", "flatten");
        Assert.True(Deadline.WaitUntil(() => sink.Failed == 1, Wait));
        Assert.Equal(0, sink.Sent);
        Assert.Equal(1, hook.Arrived);
    }

    [Fact]
    public async Task UnreachableWebhook_IsCounted()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var sink = new AlertSink(new AlertOptions { WebhookUrl = $"http://127.0.0.1:{port}/nobody" });
        sink.Raise(AlertKind.LinkDown, null, "feed down");
        Assert.True(Deadline.WaitUntil(() => sink.Failed == 1, Wait));
    }

    [Fact]
    public async Task HungWebhook_FillsTheBoundedQueue_RaiseKeepsReturning_AndCountsTheDrops()
    {
        using var hook = new WebhookListener();
        hook.Hold.Reset();
        await using var sink = new AlertSink(new AlertOptions { WebhookUrl = hook.Url, QueueCapacity = 4, MaxPerMinute = 1000, Timeout = TimeSpan.FromSeconds(30) });
        Assert.True(sink.Raise(AlertKind.Halt, null, "first"));
        Assert.True(Deadline.WaitUntil(() => hook.Arrived == 1, Wait)); // the sender is inside its POST, waiting on the webhook

        int taken = 0;
        for (int i = 0; i < 10; i++)
        {
            taken += sink.Raise(AlertKind.Halt, null, $"next {i}") ? 1 : 0;
        }

        Assert.Equal(4, taken); // the queue's capacity
        Assert.Equal(6, sink.DroppedQueueFull);
        hook.Hold.Set();
        Assert.True(Deadline.WaitUntil(() => sink.Sent == 5, Wait));
    }

    [Fact]
    public async Task NoWebhook_AlertsAreOnlyCounted()
    {
        await using var sink = new AlertSink(new AlertOptions());
        Assert.True(sink.Raise(AlertKind.Halt, null, "x"));
        Assert.Equal(1, sink.Raised);
        Assert.Contains("no webhook configured", sink.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Validate_NeverEchoesTheUrl()
    {
        var problems = new AlertOptions { WebhookUrl = "ftp://hooks.example/T0KEN", QueueCapacity = 0, MaxPerMinute = 0 }.Validate();
        Assert.Equal(3, problems.Count);
        Assert.DoesNotContain(problems, p => p.Contains("T0KEN", StringComparison.Ordinal));
    }
}
