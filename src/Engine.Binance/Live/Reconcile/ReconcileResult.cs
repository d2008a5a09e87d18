using System.Globalization;
using System.Text;
using Engine.Model;

namespace Engine.Binance.Live.Reconcile;

/// <summary>
/// The outcome of the start-up reconciliation: every difference found and what was done, or why it failed (the
/// engine is then HALTED). <see cref="StatusText"/> is the status line's part; <see cref="ReportSection"/> the run
/// report's section; <see cref="LogLines"/> what the run directory's <c>reconcile.log</c> holds.
/// </summary>
public sealed class ReconcileResult
{
    internal ReconcileResult(bool succeeded, string? failure, IReadOnlyList<ReconcileDifference> differences, int attempts, Money? walletBalance, long timeMs)
    {
        Succeeded = succeeded;
        Failure = failure;
        Differences = differences;
        Attempts = attempts;
        WalletBalance = walletBalance;
        TimeMs = timeMs;
    }

    public bool Succeeded { get; }

    /// <summary>Why reconciliation failed (null when it succeeded).</summary>
    public string? Failure { get; }

    public IReadOnlyList<ReconcileDifference> Differences { get; }

    /// <summary>Passes over the venue's answers it took (a failed query is retried from the start).</summary>
    public int Attempts { get; }

    /// <summary>The USDT wallet balance the venue reported.</summary>
    public Money? WalletBalance { get; }

    /// <summary>Venue time the pass finished, Unix ms.</summary>
    public long TimeMs { get; }

    public int Count(ReconcileDifferenceKind kind) => Differences.Count(d => d.Kind == kind);

    /// <summary>One phrase for the status line: <c>reconciled: 0 differences</c>, <c>reconciled: 3 differences (FillWhileDown 2, …)</c>, or the failure.</summary>
    public string StatusText
    {
        get
        {
            if (!Succeeded)
            {
                return "reconciliation FAILED, HALTED: " + Failure;
            }

            if (Differences.Count == 0)
            {
                return "reconciled: 0 differences";
            }

            string kinds = string.Join(", ", Differences.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            return $"reconciled: {Differences.Count} difference(s) ({kinds})";
        }
    }

    /// <summary>Lines of <c>reconcile.log</c>: a time-stamped header, then one line per difference.</summary>
    public IEnumerable<string> LogLines()
    {
        string time = DateTimeOffset.FromUnixTimeMilliseconds(TimeMs).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        yield return $"{time} {StatusText}";
        foreach (ReconcileDifference d in Differences)
        {
            yield return $"{time}   {d}";
        }
    }

    /// <summary>The run report's section (markdown).</summary>
    public string ReportSection()
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Start-up reconciliation").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- {StatusText}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- attempts: {Attempts}");
        if (WalletBalance is Money balance)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- USDT wallet balance at the venue: {balance}");
        }

        if (Differences.Count > 0)
        {
            sb.AppendLine().AppendLine("| difference | symbol | client id | venue id | quantity | price | what was done |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (ReconcileDifference d in Differences)
            {
                string client = d.ClientId.IsNone ? "" : d.ClientId.Value.ToString(CultureInfo.InvariantCulture);
                string venue = d.VenueId == 0 ? "" : d.VenueId.ToString(CultureInfo.InvariantCulture);
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {d.Kind} | {d.Symbol} | {client} | {venue} | {d.Quantity} | {d.Price} | {d.Text} |");
            }
        }

        return sb.ToString();
    }
}
