using Engine.Binance.Archives;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Pipeline;

/// <summary>
/// Defect 9 of issue 12: the interval still open when the input ends has not closed, so it must never reach
/// DeltaScout or aggregated.csv; otherwise a longer replay of the same prefix writes a different PEAK (or row) for
/// the same <c>ts</c>. Real trades: the bundled BTCUSDT sample (shared data
/// <c>binance/trades/futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz</c>), 1-second rows.
/// </summary>
public class TradingEnginePartialIntervalTests
{
    private static readonly Lazy<List<EngineEvent>> Trades = new(ReadAll);

    [Fact]
    public void LongerReplay_NeverWritesADifferentPeakOrRowForTheSameTs()
    {
        List<EngineEvent> all = Trades.Value;
        Dictionary<long, string> fullPeaks = Peaks(Run(all.Count).Events);
        Dictionary<long, string> fullRows = Rows(Run(all.Count).Events);
        Assert.NotEmpty(fullPeaks);

        // Cut the input half-way through every interval (by trade count).
        var cuts = new SortedSet<int>();
        int intervalFirst = 0;
        for (int i = 1; i <= all.Count; i++)
        {
            if (i == all.Count || Second(all[i]) != Second(all[i - 1]))
            {
                cuts.Add(intervalFirst + ((i - intervalFirst + 1) / 2));
                intervalFirst = i;
            }
        }

        Assert.True(cuts.Count >= 10, $"{cuts.Count} cuts");
        var peakDifferences = new List<string>();
        var rowDifferences = new List<string>();
        foreach (int cut in cuts)
        {
            List<OutputEvent> prefix = Run(cut).Events;
            foreach ((long ts, string peak) in Peaks(prefix))
            {
                if (!fullPeaks.TryGetValue(ts, out string? full) || full != peak)
                {
                    peakDifferences.Add($"cut after {cut} trades: PEAK {ts} = {peak}, the full replay has {full ?? "none"}");
                }
            }

            foreach ((long ts, string row) in Rows(prefix))
            {
                if (!fullRows.TryGetValue(ts, out string? full) || full != row)
                {
                    rowDifferences.Add($"cut after {cut} trades: row {ts} = {row}, full: {full}");
                }
            }
        }

        Assert.True(peakDifferences.Count == 0, $"{peakDifferences.Count} PEAKs differ, e.g. {peakDifferences.FirstOrDefault()}");
        Assert.True(rowDifferences.Count == 0, $"{rowDifferences.Count} rows differ, e.g. {rowDifferences.FirstOrDefault()}");
    }

    [Fact]
    public void EndOfInput_ReportsTheOpenIntervalAsLeftOpen_WithEveryTradeAccountedFor()
    {
        List<EngineEvent> all = Trades.Value;
        List<OutputEvent> outputs = Run(all.Count).Events;
        var rows = outputs.Where(o => o.Kind == OutputKind.RowClosed).Select(o => o.Row).ToList();
        OutputEvent open = Assert.Single(outputs, o => o.Kind == OutputKind.IntervalLeftOpen);

        // The last trade is at 23:59:59.643: its second (1_723_161_599_000) never closed.
        Assert.Equal(1_723_161_599_000, open.Row.StartMs);
        Assert.Equal(1_723_161_598_000, rows[^1].StartMs);
        long lastSecondTrades = all.Count(e => e.Trade.TradeTimeMs >= 1_723_161_599_000);
        Assert.Equal(lastSecondTrades, open.Row.Trades);
        Assert.Equal(21_313, rows.Sum(r => r.Trades) + open.Row.Trades);
        Assert.False(open.HasEvaluation);
        Assert.Equal(OutputKind.EndOfStream, outputs[^1].Kind);
        Assert.Equal(OutputKind.IntervalLeftOpen, outputs[^2].Kind);
    }

    private static long Second(in EngineEvent e) => e.Trade.TradeTimeMs / 1_000;

    private static CollectingOutputSink Run(int trades)
    {
        var engine = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        List<EngineEvent> all = Trades.Value;
        for (int i = 0; i < trades; i++)
        {
            EngineEvent e = all[i];
            engine.OnEvent(ref e);
        }

        var end = default(EngineEvent);
        end.Kind = EventKind.EndOfStream;
        engine.OnEvent(ref end);
        return engine.Output;
    }

    private static Dictionary<long, string> Peaks(List<OutputEvent> outputs) => outputs
        .Where(o => o.Kind == OutputKind.RowClosed && o.HasEvaluation && o.Evaluation.HasPeak)
        .ToDictionary(o => o.Evaluation.RowStartMs, o =>
        {
            TradeSignal p = o.Evaluation.Peak;
            return FormattableString.Invariant($"{p.Direction} {p.Price:R} {p.Delta:R} {p.Volume:R} {p.Imbalance:R} {p.Vwap:R} {p.Poc:R}");
        });

    private static Dictionary<long, string> Rows(List<OutputEvent> outputs) => outputs
        .Where(o => o.Kind == OutputKind.RowClosed)
        .ToDictionary(o => o.Row.StartMs, o => FormattableString.Invariant(
            $"{o.Row.Trades} {o.Row.TotalQty} {o.Row.BuyQty} {o.Row.SellQty} {o.Row.AvgPrice:R} {o.Row.ClosePrice} {o.Row.HighPrice} {o.Row.LowPrice}"));

    private static List<EngineEvent> ReadAll()
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);
        var events = new List<EngineEvent>();
        using TradeCsvReader reader = PipelineFixtures.OpenBtc(registry);
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            events.Add(slot);
        }

        return events;
    }
}
