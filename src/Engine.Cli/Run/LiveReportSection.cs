using System.Globalization;
using System.Text;

namespace Engine.Cli.Run;

/// <summary>The report's "Live feed" section: endpoints, threads, the venue's rules and refreshes, the feed's health.</summary>
public static class LiveReportSection
{
    public static void AppendTo(StringBuilder md, LiveRunFigures live)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(live);
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("## Live feed").AppendLine();
        md.AppendLine(inv, $"- Venue: REST `{live.RestBase}`, streams `{live.StreamBase}`");
        md.AppendLine(inv, $"- Symbols: {string.Join(", ", live.Symbols)}");
        md.AppendLine(inv, $"- Duration: {(live.DurationSeconds is double d ? string.Create(inv, $"{d:0.###} s requested") : "until stopped")}");
        foreach (string t in live.Threads)
        {
            md.AppendLine(inv, $"- Threads: {t}");
        }

        md.AppendLine(inv, $"- Rate limits (exchangeInfo at start): {(live.RateLimits.Count == 0 ? "none listed" : string.Join(", ", live.RateLimits))}");
        md.AppendLine(inv, $"- exchangeInfo refreshes: {live.ExchangeInfoRefreshes} read, {live.ExchangeInfoRefreshFailures} failed; changes found: {live.ExchangeInfoChanges.Count}");
        foreach (string change in live.ExchangeInfoChanges)
        {
            md.AppendLine(inv, $"  - {change}");
        }

        md.AppendLine();
        if (live.Feed is not { } f)
        {
            md.AppendLine("The feed reported no figures.").AppendLine();
            return;
        }

        md.AppendLine("| Frames | Frames/s | Reconnects | Connect failures | Handovers | Gaps found | Gaps filled | Gaps unfilled | Trades backfilled | Backfill requests | Duplicates dropped |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(inv, $"| {f.Frames} | {f.FramesPerSecond:F0} | {f.Reconnects} | {f.ConnectFailures} | {f.Handovers} | {f.GapsFound} | {f.GapsFilled} | {f.GapsUnfilled} | {f.TradesBackfilled} | {f.BackfillRequests} | {f.DuplicatesDropped} |");
        md.AppendLine();
        md.AppendLine("| Latency | p50 | p99 | p99.9 | p99.99 | max | count |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        AppendLatency(md, $"exchange `E` to receive (corrected by the clock offset {f.ClockOffsetMs.ToString("0.###", inv)} ms)", f.ExchangeToReceiveNs);
        AppendLatency(md, "receive to input ring", f.ReceiveToRingNs);
        md.AppendLine();
        foreach (string interval in f.UnfilledIntervals)
        {
            md.AppendLine(inv, $"Interval with a gap the backfill could not fill (its row is incomplete): {interval}.");
        }

        if (f.UnfilledIntervals.Count > 0)
        {
            md.AppendLine();
        }

        AppendTrading(md, live);
    }

    // engine live: what the venue side did.
    private static void AppendTrading(StringBuilder md, LiveRunFigures live)
    {
        if (live.Trading.Count == 0 && live.TickToOrderNs is null)
        {
            return;
        }

        md.AppendLine("## Live trading").AppendLine();
        foreach (string line in live.Trading)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        md.AppendLine();
        if (live.TickToOrderNs is { } t)
        {
            md.AppendLine("| Latency | p50 | p99 | p99.9 | p99.99 | max | count |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            AppendLatency(md, "tick to order (market frame received → order bytes to the socket)", t);
            md.AppendLine();
        }

        if (live.ReconcileSection is { Length: > 0 } reconcile)
        {
            md.AppendLine(reconcile.TrimEnd()).AppendLine();
        }
    }

    private static void AppendLatency(StringBuilder md, string name, LatencyFigures l) =>
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {RunVerdict.Duration(l.P50)} | {RunVerdict.Duration(l.P99)} | {RunVerdict.Duration(l.P999)} | {RunVerdict.Duration(l.P9999)} | {RunVerdict.Duration(l.Max)} | {l.Count} |");
}
