using System.Globalization;

namespace Engine.Cli.Status;

/// <summary>
/// Formats one plain, timestamped status line for logs and pipes. <c>signals</c>, <c>orders</c> (new orders),
/// <c>cancels</c>, <c>fills</c> (applied) and <c>netPnl</c> (closed positions' realised PnL less their fees) mean what
/// the run's summary means by them, so the last line of a run shows the summary's figures.
/// </summary>
public static class StatusLine
{
    public static string Format(DateTimeOffset now, in StatusSnapshot s, double eventsPerSecond)
    {
        var inv = CultureInfo.InvariantCulture;
        string progress = s.Progress is >= 0 and <= 1 ? string.Create(inv, $" {s.Progress * 100,5:F1}%") : string.Empty;
        return string.Create(inv,
            $"{now:yyyy-MM-ddTHH:mm:ss.fffZ}{progress} events={s.Events} rate={eventsPerSecond:F0}/s ring={s.RingDepth} " +
            $"signals={s.Signals} orders={s.Orders} cancels={s.Cancels} fills={s.Fills} netPnl={s.NetPnl:F2} p99={FormatNanos(s.P99Nanos)}{ProcessFigures(s)}");
    }

    private static string ProcessFigures(in StatusSnapshot s)
    {
        return s.Gen0Collections < 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" gc={s.Gen0Collections}/{s.Gen1Collections}/{s.Gen2Collections} heap={s.HeapBytes}");
    }

    public static string FormatNanos(long nanos) => nanos switch
    {
        < 0 => "n/a",
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{nanos}ns"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1_000.0:F1}us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1_000_000.0:F1}ms"),
    };
}
