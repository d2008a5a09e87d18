using Engine.Cli.Status;

namespace Engine.Tests.Cli;

public class StatusLineTests
{
    [Fact]
    public void Format_GivesATimestampedLineWithEveryCounter()
    {
        var s = new StatusSnapshot(Events: 1_234_567, RingDepth: 12, Signals: 3, Orders: 9, Cancels: 4, Fills: 8, NetPnl: -12.345m, P99Nanos: 15_300, Progress: 0.5);
        string line = StatusLine.Format(new DateTimeOffset(2026, 11, 21, 11, 40, 0, 250, TimeSpan.Zero), s, 2_000_000.4);

        Assert.Equal("2026-11-21T11:40:00.250Z  50.0% events=1234567 rate=2000000/s ring=12 signals=3 orders=9 cancels=4 fills=8 netPnl=-12.35 p99=15.3us", line);
    }

    [Fact]
    public void Format_WithProcessFigures_AppendsGcCountsAndHeap()
    {
        var s = new StatusSnapshot(Events: 10, RingDepth: 0, Signals: 0, Orders: 0, Cancels: 0, Fills: 0, NetPnl: 0m, P99Nanos: 850, Progress: -1,
            Gen0Collections: 4, Gen1Collections: 2, Gen2Collections: 1, HeapBytes: 12_345_678);
        string line = StatusLine.Format(new DateTimeOffset(2026, 11, 21, 11, 40, 0, TimeSpan.Zero), s, 10);

        Assert.Equal("2026-11-21T11:40:00.000Z events=10 rate=10/s ring=0 signals=0 orders=0 cancels=0 fills=0 netPnl=0.00 p99=850ns gc=4/2/1 heap=12345678", line);
    }

    [Theory]
    [InlineData(-1L, "n/a")]
    [InlineData(850L, "850ns")]
    [InlineData(15_300L, "15.3us")]
    [InlineData(12_500_000L, "12.5ms")]
    public void FormatNanos_PicksAReadableUnit(long nanos, string expected)
    {
        Assert.Equal(expected, StatusLine.FormatNanos(nanos));
    }
}
