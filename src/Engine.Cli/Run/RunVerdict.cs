using System.Globalization;

namespace Engine.Cli.Run;

/// <summary>
/// The verdict a run leads with, in the first lines of report.md and the lines printed just before the report's path:
/// whether the latency budget held (end-to-end p99.99 and maximum against Runtime:LatencyBudgetMs), the trading result,
/// and each thing that went wrong (skipped symbols, malformed lines, full rings, late trades, faults, an early stop).
/// A function of the summary alone, so <c>engine report</c> renders the same verdict again.
/// </summary>
public static class RunVerdict
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Labelled lines: "Latency", "Trading", then one "Problem" per problem, or "Problems" saying there were none.</summary>
    public static IReadOnlyList<(string Label, string Text)> Lines(RunSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var lines = new List<(string, string)> { ("Latency", Latency(s)), ("Trading", Trading(s)) };
        List<string> problems = Problems(s);
        if (problems.Count == 0)
        {
            lines.Add(("Problems", "none: no malformed lines, no trades of other symbols, both rings never full"));
        }
        else
        {
            lines.AddRange(problems.Select(p => ("Problem", p)));
        }

        return lines;
    }

    /// <summary>The verdict as console lines (<c>Label: text</c>).</summary>
    public static IReadOnlyList<string> ConsoleLines(RunSummary s) => [.. Lines(s).Select(l => $"{l.Label}: {l.Text}")];

    /// <summary>The verdict as the first lines of report.md (a list with bold labels).</summary>
    public static IReadOnlyList<string> MarkdownLines(RunSummary s) => [.. Lines(s).Select(l => $"- **{l.Label}:** {l.Text}")];

    private static string Latency(RunSummary s)
    {
        LatencyFigures l = s.LatencyNs;
        string budget = Duration((long)Math.Round(s.LatencyBudgetMs * 1_000_000));
        if (l.Max == 0)
        {
            return $"not measured: no event was timed after the warm-up (Runtime:WarmupEvents); budget {budget}.";
        }

        long budgetNs = (long)Math.Round(s.LatencyBudgetMs * 1_000_000);
        string timed = l.Count > 0 ? string.Create(Inv, $" over {l.Count:N0} timed events") : string.Empty;
        string percentiles = $"p99.99 {Duration(l.P9999)}, max {Duration(l.Max)}{timed}";
        string figures = "end-to-end " + percentiles;
        if (s.Speed is null && s.Live is null)
        {
            // The feed runs ahead of the engine, so events wait in the input ring: a throughput run, not a latency run.
            return $"not held against the {budget} budget: as fast as possible, end-to-end ({percentiles}) is the input backlog, not the engine's latency; replay with --speed (e.g. 20) for latency under a realistic load.";
        }

        if (l.Max <= budgetNs)
        {
            return $"budget of {budget} held: {figures}.";
        }

        if (l.P9999 <= budgetNs)
        {
            return $"budget of {budget} held at p99.99 but not at the maximum: {figures}.";
        }

        return $"budget of {budget} BLOWN: {figures}.";
    }

    private static string Trading(RunSummary s)
    {
        if (s.Rows == 0 && s.Bars == 0 && s.Signals == 0 && s.Trades == 0)
        {
            return string.IsNullOrEmpty(s.Symbol)
                ? "nothing traded: no trade of the run's symbol reached the engine."
                : $"nothing traded: no trade of the run's symbol {s.Symbol} reached the engine.";
        }

        return string.Create(Inv,
            $"{s.Signals:N0} signals ({s.SignalsAdmitted:N0} admitted), {s.Orders:N0} orders, {s.Fills:N0} fills, {s.PositionsClosed:N0} positions closed ({s.WinningPositions:N0} winning); net PnL {s.NetPnl:F2} (realized {s.RealizedPnl:F2}, fees {s.FeesPaid:F2}).");
    }

    private static List<string> Problems(RunSummary s)
    {
        var problems = new List<string>();
        string runSymbol = string.IsNullOrEmpty(s.Symbol) ? "the run's symbol" : $"the run's symbol {s.Symbol}";
        long listed = 0;
        foreach (SkippedSymbol k in s.SkippedSymbols)
        {
            string file = Path.GetFileName(k.Path);
            if (k.Lines < 0)
            {
                problems.Add($"trades of '{k.Symbol}' in {file} skipped: not {runSymbol}; set Symbol:Name to trade them.");
            }
            else if (k.Symbol is not null)
            {
                listed += k.Lines;
                problems.Add(string.Create(Inv, $"{k.Lines:N0} trades skipped: symbol '{k.Symbol}' (from the file name {file}) is not {runSymbol}; name the file's symbol with --symbol (e.g. --symbol {k.Symbol}) or set Symbol:Name."));
            }
            else
            {
                listed += k.Lines;
                problems.Add(string.Create(Inv, $"{k.Lines:N0} events of {file} skipped: their symbol is not {runSymbol}; set Symbol:Name to the symbol they name."));
            }
        }

        if (s.UnknownSymbolEvents > listed && !s.SkippedSymbols.Any(k => k.Lines < 0))
        {
            problems.Add(string.Create(Inv, $"{s.UnknownSymbolEvents - listed:N0} events of symbols this run does not trade skipped (it trades {runSymbol})."));
        }

        if (s.MalformedLines > 0)
        {
            problems.Add(string.Create(Inv, $"{s.MalformedLines:N0} malformed input lines skipped (which and why: Warnings in report.md)."));
        }

        if (s.InputRingFullCount > 0)
        {
            problems.Add(string.Create(Inv, $"input ring full {s.InputRingFullCount:N0}×: the engine fell a whole ring behind the feed."));
        }

        if (s.OutputRingFullCount > 0)
        {
            problems.Add(string.Create(Inv, $"output ring full {s.OutputRingFullCount:N0}×: the journal fell a whole ring behind the engine, which waited for it."));
        }

        if (s.LateTrades > 0)
        {
            problems.Add(string.Create(Inv, $"{s.LateTrades:N0} trades arrived after their interval's row was written (late: in no row)."));
        }

        if (s.EngineFaults + s.JournalFaults > 0)
        {
            problems.Add(string.Create(Inv, $"handler faults: engine {s.EngineFaults:N0}, journal {s.JournalFaults:N0} (those events skipped; see Warnings)."));
        }

        if (s.Live?.Feed is { GapsUnfilled: > 0 } feed)
        {
            problems.Add(string.Create(Inv, $"feed: {feed.GapsUnfilled:N0} gaps in the trade ids could not be backfilled; their intervals are incomplete (Live feed in report.md)."));
        }
        else if (s.FeedGaps.Count > 0)
        {
            problems.Add(string.Create(Inv, $"input: {s.FeedGaps.Count:N0} gaps in the trade ids that the recording's feed could not backfill; their intervals are incomplete (report.md)."));
        }

        if (s.Interrupted)
        {
            problems.Add($"stopped by {s.StopReason ?? "request"} before the end of the input.");
        }

        return problems;
    }

    /// <summary>Nanoseconds in the unit that reads best, 3 significant digits (820 ns, 41.2 µs, 1.23 ms, 2.05 s).</summary>
    public static string Duration(long nanos)
    {
        (double value, string unit) = nanos switch
        {
            < 1_000 => (nanos, "ns"),
            < 1_000_000 => (nanos / 1e3, "µs"),
            < 1_000_000_000 => (nanos / 1e6, "ms"),
            _ => (nanos / 1e9, "s"),
        };
        string number = value switch
        {
            >= 100 => value.ToString("F0", Inv),
            >= 10 => value.ToString("0.#", Inv),
            _ => value.ToString("0.##", Inv),
        };
        return $"{number} {unit}";
    }
}
