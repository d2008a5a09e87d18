using System.Globalization;
using System.Text.Json;
using Engine.Binance.Archives;
using Engine.Cli.Journal;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Cli.Journal;

/// <summary>The text files of a real journaled run, checked against the engine's outputs.</summary>
public sealed class RunJournalFilesTests(JournaledRun run) : IClassFixture<JournaledRun>
{
    private static List<AggregatedRow> Rows => JournaledRun.Outputs.Where(o => o.Kind == OutputKind.RowClosed).Select(o => o.Row).ToList();

    private static List<OutputEvent> Peaks =>
        JournaledRun.Outputs.Where(o => o.Kind == OutputKind.RowClosed && o.HasEvaluation && o.Evaluation.HasPeak).ToList();

    private static string Iso(long unixMs, string format = "yyyy-MM-ddTHH:mm:ssZ") =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString(format, CultureInfo.InvariantCulture);

    private static int Decimals(JsonElement number)
    {
        string text = number.GetRawText();
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    [Fact]
    public void AggregatedCsv_RereadWithTheReader_EqualsEveryClosedRow()
    {
        List<AggregatedRow> expected = Rows;
        Assert.Equal(343, expected.Count); // the last second (23:59:59) was still open at the end: not a closed row
        var read = new List<AggregatedRow>();
        using (AggregatedCsvReader reader = AggregatedCsvReader.Open(run.PathOf(RunJournal.AggregatedFileName), new SymbolId(0), 1_000))
        {
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                read.Add(slot.Row);
            }

            Assert.Equal(0, reader.Stats.Malformed);
        }

        Assert.Equal(expected.Count, read.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AggregatedRow e = expected[i], r = read[i];
            Assert.Equal(e.StartMs, r.StartMs);
            Assert.Equal(e.Trades, r.Trades);
            Assert.Equal(e.TotalQty, r.TotalQty);
            Assert.Equal(e.BuyQty, r.BuyQty);
            Assert.Equal(e.SellQty, r.SellQty);
            Assert.Equal(e.AvgPrice, r.AvgPrice); // shortest round-trip text: the same double back
            Assert.Equal(e.ClosePrice, r.ClosePrice);
            Assert.Equal(e.HighPrice, r.HighPrice);
            Assert.Equal(e.LowPrice, r.LowPrice);
        }
    }

    [Fact]
    public void DeltaScoutLog_EachLineIsContractJson_ForEachPeakInOrder()
    {
        List<OutputEvent> peaks = Peaks;
        string[] lines = File.ReadAllLines(run.PathOf(RunJournal.DeltaScoutFileName));
        Assert.NotEmpty(peaks);
        Assert.Equal(peaks.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument json = JsonDocument.Parse(lines[i]);
            JsonElement o = json.RootElement;
            string[] keys = o.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(["ts", "source", "action", "kind", "price", "delta", "vol", "imb", "vwap", "poc"], keys);
            TradeSignal peak = peaks[i].Evaluation.Peak;
            Assert.Equal(Iso(peaks[i].Evaluation.RowStartMs), o.GetProperty("ts").GetString());
            Assert.Equal("DeltaScout", o.GetProperty("source").GetString());
            Assert.Equal("PEAK", o.GetProperty("action").GetString());
            Assert.Equal(peak.Direction == SignalDirection.Long ? "long" : "short", o.GetProperty("kind").GetString());
            Assert.Equal(peak.Price, o.GetProperty("price").GetDouble());
            Assert.Equal(peak.Delta, o.GetProperty("delta").GetDouble());
            Assert.Equal(peak.Volume, o.GetProperty("vol").GetDouble());
            Assert.Equal(peak.Imbalance, o.GetProperty("imb").GetDouble());
            Assert.True(Decimals(o.GetProperty("delta")) <= 2 && Decimals(o.GetProperty("vol")) <= 2 && Decimals(o.GetProperty("imb")) <= 3, lines[i]);
            foreach (string whole in new[] { "vwap", "poc" })
            {
                JsonElement v = o.GetProperty(whole);
                Assert.True(v.ValueKind == JsonValueKind.Null || v.TryGetInt64(out _), $"{whole} must be a whole number or null: {lines[i]}");
            }
        }
    }

    [Fact]
    public void BarsCsv_HasTheContractColumns_ExactBarValues_AndEmptyCellsWhileIndicatorsWarmUp()
    {
        var bars = JournaledRun.Outputs.Where(o => o.Kind == OutputKind.BarClosed).ToList();
        string[] lines = File.ReadAllLines(run.PathOf(RunJournal.BarsFileName));
        Assert.Equal("Start,End,Open,High,Low,Close,Volume,BuyVolume,SellVolume,Delta,Vwap,Trades,EmaFast,EmaSlow,Rsi,BbUpper,BbMiddle,BbLower,Atr", lines[0]);
        Assert.True(bars.Count > 30, $"ten-BTC bars over six minutes: expected dozens, saw {bars.Count}");
        Assert.Equal(bars.Count, lines.Length - 1);
        int emptyCells = 0, filledCells = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            string[] c = lines[i + 1].Split(',');
            Assert.Equal(19, c.Length);
            VolumeBar b = bars[i].Bar;
            Assert.Equal(Iso(b.FirstTradeTimeMs, "yyyy-MM-ddTHH:mm:ss.fffZ"), c[0]);
            Assert.Equal(Iso(b.LastTradeTimeMs, "yyyy-MM-ddTHH:mm:ss.fffZ"), c[1]);
            decimal[] exact = [.. c[2..10].Select(s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))];
            Assert.Equal(
                [b.Open.ToDecimal(), b.High.ToDecimal(), b.Low.ToDecimal(), b.Close.ToDecimal(), b.Volume.ToDecimal(),
                 b.BuyVolume.ToDecimal(), b.SellVolume.ToDecimal(), b.BuyVolume.ToDecimal() - b.SellVolume.ToDecimal()],
                exact);
            Assert.Equal(10m, exact[4]); // every bar holds exactly its threshold
            Assert.Equal(b.Vwap, double.Parse(c[10], CultureInfo.InvariantCulture));
            Assert.Equal(b.Trades, int.Parse(c[11], CultureInfo.InvariantCulture));
            IndicatorValues v = bars[i].Indicators;
            double[] indicators = [v.EmaFast, v.EmaSlow, v.Rsi, v.BbUpper, v.BbMiddle, v.BbLower, v.Atr];
            for (int k = 0; k < indicators.Length; k++)
            {
                if (double.IsNaN(indicators[k]))
                {
                    Assert.Equal(string.Empty, c[12 + k]);
                    emptyCells++;
                }
                else
                {
                    Assert.Equal(indicators[k], double.Parse(c[12 + k], CultureInfo.InvariantCulture));
                    filledCells++;
                }
            }
        }

        Assert.True(emptyCells > 0 && filledCells > 0, $"expected warm-up cells and warmed cells, saw {emptyCells} empty, {filledCells} filled");
        Assert.Equal(string.Empty, lines[1].Split(',')[13]); // the slow EMA cannot be warm on the first bar
    }

    [Fact]
    public void Summary_CountsEveryKindOfOutput()
    {
        List<OutputEvent> o = JournaledRun.Outputs;
        JournalTotals s = run.Summary;
        Assert.Equal(0, s.Errors);
        Assert.Equal(Rows.Count, s.Rows);
        Assert.Equal(Peaks.Count, s.Peaks);
        Assert.Equal(o.Count(e => e.Kind == OutputKind.BarClosed), s.Bars);
        Assert.Equal(o.Count(e => e.Kind == OutputKind.SignalEvaluated), s.Signals);
        foreach (SignalDecision d in Enum.GetValues<SignalDecision>())
        {
            Assert.Equal(o.Count(e => e.Kind == OutputKind.SignalEvaluated && e.Signal.Decision == d), s.SignalsWith(d));
        }

        Assert.Equal(s.Signals, s.SignalsSubmitted + s.SignalsRiskRejected + s.SignalsOmsBlocked);
        Assert.Equal(o.Count(e => e.Kind == OutputKind.OrderRequested && e.Order.Command == OrderCommand.Submit), s.Orders);
        Assert.Equal(o.Count(e => e.Kind == OutputKind.OrderRequested && e.Order.Command == OrderCommand.Cancel), s.Cancels);
        Assert.Equal(o.Count(e => e.Kind == OutputKind.VenueReported && e.Report.IsFill), s.Fills);
        var closed = o.Where(e => e.Kind == OutputKind.PositionClosed).Select(e => e.Position).ToList();
        Assert.Equal(closed.Count, s.Positions);
        Assert.Equal(closed.Sum(p => p.RealizedPnl.ToDecimal()), s.RealizedPnl);
        Assert.Equal(closed.Sum(p => p.Fees.ToDecimal()), s.Fees);
        Assert.Equal(s.RealizedPnl - s.Fees, s.NetPnl);
        Assert.Equal(closed.Count(p => p.RealizedPnl.ToDecimal() - p.Fees.ToDecimal() > 0), s.Wins);
        Assert.True(s.EndOfStream);
    }

    [Fact]
    public void TwoRunsOfTheSameInput_WriteByteIdenticalTextFiles()
    {
        string second = Directory.CreateTempSubdirectory("engine-run-again-").FullName;
        try
        {
            JournaledRun.WriteJournal(second, JournaledRun.Replay()); // a fresh engine over the same trades
            foreach (string file in new[] { RunJournal.AggregatedFileName, RunJournal.DeltaScoutFileName, RunJournal.BarsFileName })
            {
                byte[] first = File.ReadAllBytes(run.PathOf(file));
                Assert.NotEmpty(first);
                Assert.Equal(first, File.ReadAllBytes(Path.Combine(second, file)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(second, recursive: true);
        }
    }
}
