using System.Text;
using Engine.Cli.Status;

namespace Engine.Tests.Cli;

/// <summary>
/// The status thread's interval in plain mode (interval action, snapshot, GC figures, one line written from the
/// reused buffer) allocates nothing once warm, and the lines it writes are the ones <see cref="StatusLine.Format"/>
/// gives for the same figures.
/// </summary>
public sealed class StatusReporterAllocationTests
{
    [Fact]
    public void WritePlainLine_AfterWarmUp_AllocatesNothing_AndWritesWholeLines()
    {
        var sink = new MemoryStream(1 << 20); // sized up front: its growth would be the test's allocation, not the reporter's
        using var output = new StreamWriter(sink, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true);
        long events = 0;
        int intervals = 0;
        var snapshot = new StatusSnapshot(0, 3, 1, 2, 1, 2, -12.5m, 15_300, -1);
        using var reporter = new StatusReporter(() => snapshot with { Events = events }, TimeSpan.FromSeconds(10), output, interactive: false, () => intervals++);

        for (int i = 0; i < 3; i++)
        {
            events += 1_000;
            reporter.WritePlainLine(); // warm-up
        }

        const int lines = 50;
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++) // least of three: see JournalAllocationTests
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < lines; i++)
            {
                events += 1_000;
                reporter.WritePlainLine();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(least == 0, $"{least} bytes allocated over {lines} status lines");
        output.Flush();
        string[] written = Encoding.UTF8.GetString(sink.GetBuffer(), 0, (int)sink.Length).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(intervals, written.Length);
        string last = written[^1];
        Assert.Contains($" events={events} ", last, StringComparison.Ordinal);
        Assert.Contains(" ring=3 signals=1 orders=2 cancels=1 fills=2 netPnl=-12.50 p99=15.3us gc=", last, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z events=\d+ rate=\d+/s .* gc=\d+/\d+/\d+ heap=\d+$", last);
    }
}
