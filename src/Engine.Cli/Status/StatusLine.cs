using System.Globalization;

namespace Engine.Cli.Status;

/// <summary>
/// Formats one plain, timestamped status line for logs and pipes. <c>signals</c>, <c>orders</c> (new orders),
/// <c>cancels</c>, <c>fills</c> (applied) and <c>netPnl</c> (closed positions' realised PnL less their fees) mean what
/// the run's summary means by them, so the last line of a run shows the summary's figures. A live run adds the feed's
/// <c>feed</c> (frames/s), <c>reconnects</c>, <c>gaps</c> (filled/found) and <c>backfilled</c> (trades fetched over REST). <see cref="TryFormat"/>
/// writes it into a caller's buffer without allocating (the status thread reuses one buffer for a run's lines);
/// <see cref="Format"/> returns it.
/// </summary>
public static class StatusLine
{
    /// <summary>Longer than any line: every field at its widest.</summary>
    public const int MaxLength = 512;

    public static string Format(DateTimeOffset now, in StatusSnapshot s, double eventsPerSecond)
    {
        Span<char> line = stackalloc char[MaxLength];
        return TryFormat(line, out int written, now, s, eventsPerSecond)
            ? new string(line[..written])
            : throw new InvalidOperationException("status line longer than its buffer"); // MaxLength holds every field at its widest
    }

    /// <summary>Writes the line into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryFormat(Span<char> destination, out int written, DateTimeOffset now, in StatusSnapshot s, double eventsPerSecond)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        written = 0;
        if (!destination.TryWrite(inv, $"{now:yyyy-MM-ddTHH:mm:ss.fffZ}", out int n))
        {
            return false;
        }

        int total = n;
        if (s.Progress is >= 0 and <= 1)
        {
            if (!destination[total..].TryWrite(inv, $" {s.Progress * 100,5:F1}%", out n))
            {
                return false;
            }

            total += n;
        }

        if (!destination[total..].TryWrite(inv,
                $" events={s.Events} rate={eventsPerSecond:F0}/s ring={s.RingDepth} signals={s.Signals} orders={s.Orders} cancels={s.Cancels} fills={s.Fills} netPnl={s.NetPnl:F2} p99=",
                out n))
        {
            return false;
        }

        total += n;
        if (!TryFormatNanos(destination[total..], out n, s.P99Nanos))
        {
            return false;
        }

        total += n;
        if (s.Gen0Collections >= 0)
        {
            if (!destination[total..].TryWrite(inv, $" gc={s.Gen0Collections}/{s.Gen1Collections}/{s.Gen2Collections} heap={s.HeapBytes}", out n))
            {
                return false;
            }

            total += n;
        }

        if (s.FeedFramesPerSecond >= 0)
        {
            if (!destination[total..].TryWrite(inv,
                    $" feed={s.FeedFramesPerSecond:F0}/s reconnects={s.FeedReconnects} gaps={s.FeedGapsFilled}/{s.FeedGapsFound} backfilled={s.FeedTradesBackfilled}",
                    out n))
            {
                return false;
            }

            total += n;
        }

        if (s.Note is { Length: > 0 } note)
        {
            if (!destination[total..].TryWrite(inv, $" [{note}]", out n))
            {
                return false;
            }

            total += n;
        }

        written = total;
        return true;
    }

    public static string FormatNanos(long nanos)
    {
        Span<char> text = stackalloc char[32];
        TryFormatNanos(text, out int written, nanos);
        return new string(text[..written]);
    }

    private static bool TryFormatNanos(Span<char> destination, out int written, long nanos)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        return nanos switch
        {
            < 0 => destination.TryWrite(inv, $"n/a", out written),
            < 10_000 => destination.TryWrite(inv, $"{nanos}ns", out written),
            < 10_000_000 => destination.TryWrite(inv, $"{nanos / 1_000.0:F1}us", out written),
            _ => destination.TryWrite(inv, $"{nanos / 1_000_000.0:F1}ms", out written),
        };
    }
}
