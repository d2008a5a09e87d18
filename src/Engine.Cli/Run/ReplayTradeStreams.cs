using System.Globalization;
using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// The replay's choice of one trade stream per symbol (<c>Run:TradeStream</c>): surveys the inputs before the run,
/// and words what was left out for the console and the report.
/// </summary>
public static class ReplayTradeStreams
{
    /// <summary>
    /// Reads every trade input for the streams it holds per symbol: a trade CSV to its first trade (one stream, one
    /// symbol per file), recorded frames and recordings to their end. An input that cannot be read here is left to the
    /// replay, which reports it.
    /// </summary>
    public static TradeStreamSurvey Survey(IReadOnlyList<ReplayInput> inputs, int symbolCount, Func<ReplayInput, IInputFeed> open)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(open);
        var survey = new TradeStreamSurvey(symbolCount);
        // An aggregated.csv holds no trades; an event journal is the input a run saw, replayed as it was.
        foreach (ReplayInput input in inputs.Where(i => i.Kind is InputKind.TradeCsv or InputKind.RecordedFrames or InputKind.Recording))
        {
            IInputFeed feed = open(input);
            try
            {
                survey.Read(feed, firstTradeOnly: input.Kind == InputKind.TradeCsv);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // the replay meets the same fault and reports it
            }
            finally
            {
                (feed as IDisposable)?.Dispose();
            }
        }

        return survey;
    }

    /// <summary>One line per symbol that held both streams: which one was replayed and how many trades of the other were left out.</summary>
    public static List<string> Describe(TradeStreamSurvey survey, TradeStreamSelector selector, SymbolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(registry);
        string kept = selector.KeepsAggregate ? "aggTrade" : "trade";
        string other = selector.KeepsAggregate ? "trade" : "aggTrade";
        var lines = new List<string>();
        IReadOnlyList<bool> both = survey.HoldsBoth;
        for (int s = 0; s < both.Count; s++)
        {
            if (both[s])
            {
                var symbol = new SymbolId(s);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"trade streams: the input holds both aggTrade and trade for {registry.NameOf(symbol)}: replayed {kept} only (Run:TradeStream), {selector.Dropped(symbol):N0} {other} trades left out"));
            }
        }

        return lines;
    }
}
