using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engine.Sim;

/// <summary>
/// The sim's run report (<c>--out DIR</c>): <c>report.md</c> for people (what it served, orders, fills, faults
/// injected, latency) and <c>faults.json</c> with every injected fault's count, for tests and scripts.
/// </summary>
public static class SimReport
{
    public static void Write(string directory, SimExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Directory.CreateDirectory(directory);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.Append("# engine sim report\n\n");
        md.Append(inv, $"- Tape: {exchange.Tape.Count:N0} trades, {exchange.Tape.Symbols.Count} symbol(s), ");
        md.Append(inv, $"{FormatMs(exchange.Tape.FirstTradeTimeMs)} to {FormatMs(exchange.Tape.LastTradeTimeMs)} (trade time), played at ×{exchange.Options.Speed}\n\n");
        exchange.AppendReport(md);
        md.Append("## Faults injected\n\n");
        IReadOnlyDictionary<string, long> faults = exchange.FaultsInjected.Snapshot();
        if (faults.Count == 0)
        {
            md.Append("None.\n");
        }
        else
        {
            md.Append("| fault | times |\n|---|---:|\n");
            foreach (var (name, count) in faults)
            {
                md.Append(inv, $"| `{name}` | {count:N0} |\n");
            }
        }

        File.WriteAllText(Path.Combine(directory, "report.md"), md.ToString());
        File.WriteAllText(Path.Combine(directory, "faults.json"), JsonSerializer.Serialize(faults));
        exchange.WriteMarketReportFiles(directory);
    }

    private static string FormatMs(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
}
