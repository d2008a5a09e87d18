using System.Diagnostics;
using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// <c>Runtime:PaceSlackMs</c>: a paced feed may release an event up to the slack before its time, never earlier, and
/// passes every event through unchanged, in order. Bounds only (no wall-clock speed is asserted): the lower bound is
/// the feed's promise; the upper bound is 30 s against events released at once.
/// </summary>
public sealed class EventTimePacedFeedSlackTests
{
    private sealed class Trades(params long[] timesMs) : IInputFeed
    {
        private int _next;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (_next == timesMs.Length)
            {
                return false;
            }

            slot = new EngineEvent { Kind = EventKind.Trade };
            slot.Trade.Id = _next + 1;
            slot.Trade.EventTimeMs = timesMs[_next++];
            return true;
        }
    }

    private static List<(long Id, long ReleasedTicks)> Play(EventTimePacedFeed feed)
    {
        var released = new List<(long, long)>();
        var slot = default(EngineEvent);
        while (feed.TryReadNext(ref slot))
        {
            released.Add((slot.Trade.Id, Stopwatch.GetTimestamp()));
        }

        return released;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    public void EveryEvent_PassesInOrder_NoEarlierThanItsTimeLessTheSlack(double slackMs)
    {
        long[] times = [.. Enumerable.Range(0, 40).Select(i => 1_723_161_256_000L + (i * 3))]; // 3 ms apart at speed 1
        List<(long Id, long ReleasedTicks)> released = Play(new EventTimePacedFeed(new Trades(times), 1, CancellationToken.None, slackMs));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), released.Select(r => r.Id));
        long origin = released[0].ReleasedTicks; // the first event sets the clock
        for (int i = 1; i < released.Count; i++)
        {
            long dueTicks = origin + ((times[i] - times[0]) * Stopwatch.Frequency / 1000);
            long earliest = dueTicks - (long)(slackMs * Stopwatch.Frequency / 1000) - (Stopwatch.Frequency / 1000); // 1 ms of rounding
            Assert.True(released[i].ReleasedTicks >= earliest, $"event {i + 1} released {(double)(dueTicks - released[i].ReleasedTicks) * 1000 / Stopwatch.Frequency:F2} ms before its time");
        }
    }

    [Fact]
    public void ASlackLongerThanTheInput_ReleasesEverythingAtOnce()
    {
        long[] times = [1_000, 61_000, 121_000]; // a minute apart at speed 1
        var watch = Stopwatch.StartNew();
        List<(long Id, long ReleasedTicks)> released = Play(new EventTimePacedFeed(new Trades(times), 1, CancellationToken.None, slackMs: 300_000));
        Assert.Equal(3, released.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "events a minute apart were waited for despite a five-minute slack");
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1_001.0)]
    public void Option_OutsideZeroToOneSecond_IsAnErrorNamingIt(double slack)
    {
        var errors = new List<string>();
        new RuntimeOptions { PaceSlackMs = slack }.Validate(errors);
        Assert.Contains(errors, e => e.StartsWith("Runtime:PaceSlackMs", StringComparison.Ordinal));
    }
}
