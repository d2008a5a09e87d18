using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Trades of the interval still open when the input ended: never written to aggregated.csv (only closed intervals
/// are), but named in summary.json's <c>intervalsLeftOpen</c> ("SYMBOL start: N trades, TotalQty q"). A test that
/// checks every played trade is in aggregated.csv adds these.
/// </summary>
internal static partial class LeftOpenTrades
{
    public static long FromSummaryJson(string summaryJson)
    {
        using JsonDocument doc = JsonDocument.Parse(summaryJson);
        long sum = 0;
        foreach (JsonElement open in doc.RootElement.GetProperty("intervalsLeftOpen").EnumerateArray())
        {
            Match m = TradesOf().Match(open.GetString() ?? string.Empty);
            Assert.True(m.Success, $"intervalsLeftOpen entry without a trade count: {open}");
            sum += long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    public static long InRun(string runDirectory) => FromSummaryJson(File.ReadAllText(Path.Combine(runDirectory, "summary.json")));

    [GeneratedRegex(@": (\d+) trades,")]
    private static partial Regex TradesOf();
}
