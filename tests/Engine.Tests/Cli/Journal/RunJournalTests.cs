using Engine.Cli.Journal;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Tests.Pipeline;
using Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Journal;

/// <summary>The journal's own contract: bad outputs are counted and skipped, files land where documented, rows cost nothing.</summary>
public sealed class RunJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("run-journal-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static OutputEvent RowClosed(int symbol, long startMs, bool peak = false)
    {
        var o = new OutputEvent { Kind = OutputKind.RowClosed, TimeMs = startMs + 1_000 };
        o.Row = new AggregatedRow
        {
            Symbol = new SymbolId(symbol), StartMs = startMs, IntervalMs = 1_000, Trades = 2, TotalQty = Quantity.Parse("0.5"),
            BuyQty = Quantity.Parse("0.3"), SellQty = Quantity.Parse("0.2"), AvgPrice = 61_000.5, ClosePrice = Price.Parse("61001"),
            HighPrice = Price.Parse("61001"), LowPrice = Price.Parse("61000"), HasClose = true, HasHighLow = true,
        };
        if (peak)
        {
            o.HasEvaluation = true;
            o.Evaluation.RowStartMs = startMs;
            o.Evaluation.HasPeak = true;
            o.Evaluation.Peak = new TradeSignal
            {
                Symbol = new SymbolId(symbol), Source = SignalSource.DeltaScout, Direction = SignalDirection.Long, Price = 61_000.5,
                Delta = 0.1, Volume = 0.5, Imbalance = 0.2, Vwap = double.NaN, Poc = 61_000,
            };
        }

        return o;
    }

    private static OutputEvent Signal(double price)
    {
        var o = new OutputEvent { Kind = OutputKind.SignalEvaluated, TimeMs = 1_723_161_300_000 };
        o.Signal.Signal = new TradeSignal { Symbol = new SymbolId(0), Source = SignalSource.DeltaScout, Direction = SignalDirection.Short, Price = price, Vwap = double.NaN, Poc = double.NaN };
        o.Signal.Decision = SignalDecision.RiskRejected;
        o.Signal.Verdict = Engine.Risk.RiskVerdict.Cooldown;
        return o;
    }

    private long Count(string table)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_dir, RunJournal.DatabaseFileName)};Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void Write_SignalTheDatabaseRefuses_IsCountedWithItsReason_AndLaterEventsAreStillWritten()
    {
        using (RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT"]))
        {
            OutputEvent bad = Signal(double.NaN); // SQLite cannot store a NaN price
            journal.Write(ref bad);
            OutputEvent good = Signal(61_000.5);
            journal.Write(ref good);
            OutputEvent row = RowClosed(0, 1_723_161_256_000);
            journal.Write(ref row);

            Assert.Equal(1, journal.Summary.Errors);
            Assert.Contains("SignalEvaluated", journal.Summary.FirstError, StringComparison.Ordinal);
            Assert.Contains("NaN", journal.Summary.FirstError, StringComparison.Ordinal);
        }

        Assert.Equal(1, Count("signals"));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, RunJournal.AggregatedFileName)).Length);
    }

    /// <summary>
    /// journal.db's order status is the OMS's: a late acknowledgement after the fill (refused by the OMS as an illegal
    /// edge) used to overwrite Filled with Accepted, and a run read afterwards showed filled orders as working.
    /// </summary>
    [Fact]
    public void Write_OrderStatus_IsTheOmsStatus_NotTheReportsKind()
    {
        var id = new ClientOrderId(1);
        var submit = new OutputEvent { Kind = OutputKind.OrderRequested, TimeMs = 1_000, OrderRole = Engine.Oms.OrderRole.Entry };
        submit.Order = new OrderRequest(OrderCommand.Submit, id, OrderId.None, new SymbolId(0), Side.Buy, OrderType.Market, TimeInForce.None,
            Price.Zero, Price.Zero, Quantity.Parse("0.001"), false, 1_000);
        OutputEvent Reported(VenueReportKind kind, Engine.Oms.ReportOutcome outcome, OrderStatus status, long time)
        {
            var o = new OutputEvent { Kind = OutputKind.VenueReported, TimeMs = time, ReportOutcome = outcome, OrderStatus = status };
            o.Report = new VenueReport
            {
                Kind = kind, ClientId = id, Symbol = new SymbolId(0), Side = Side.Buy, EventTimeMs = time,
                CumulativeQuantity = kind == VenueReportKind.Filled ? Quantity.Parse("0.001") : Quantity.Zero,
                LastQuantity = kind == VenueReportKind.Filled ? Quantity.Parse("0.001") : Quantity.Zero,
                LastPrice = kind == VenueReportKind.Filled ? Price.Parse("61000") : Price.Zero,
            };
            return o;
        }

        using (RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT"]))
        {
            journal.Write(ref submit);
            OutputEvent fill = Reported(VenueReportKind.Filled, Engine.Oms.ReportOutcome.Applied, OrderStatus.Filled, 1_010);
            journal.Write(ref fill);
            OutputEvent late = Reported(VenueReportKind.Accepted, Engine.Oms.ReportOutcome.Illegal, OrderStatus.Filled, 1_020);
            journal.Write(ref late);
        }

        using var c = new SqliteConnection($"Data Source={Path.Combine(_dir, RunJournal.DatabaseFileName)};Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT status, updated_ms FROM orders WHERE client_order_id = 1";
        using SqliteDataReader r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(("Filled", 1_010L), (r.GetString(0), r.GetInt64(1)));
    }

    [Fact]
    public void Write_UnknownSymbolId_IsCountedAndSkipped_WithoutTouchingTheFiles()
    {
        using RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT"]);
        OutputEvent stray = RowClosed(7, 1_723_161_256_000, peak: true);
        journal.Write(ref stray);
        OutputEvent row = RowClosed(0, 1_723_161_257_000);
        journal.Write(ref row);

        Assert.Equal(1, journal.Summary.Errors);
        Assert.Contains("unknown symbol id 7", journal.Summary.FirstError, StringComparison.Ordinal);
        Assert.Equal(1, journal.Summary.Rows);
        Assert.Equal(0, journal.Summary.Peaks);
        Assert.Empty(File.ReadAllText(Path.Combine(_dir, RunJournal.DeltaScoutFileName)));
    }

    [Fact]
    public void Write_BreakerChanges_AreJournaledWithTheirStateInOrder()
    {
        using (RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT"]))
        {
            foreach ((long time, Engine.Risk.TradingState state) in new[] { (1_000L, Engine.Risk.TradingState.Halted), (2_000L, Engine.Risk.TradingState.Active) })
            {
                var change = new OutputEvent { Kind = OutputKind.BreakerChanged, TimeMs = time, BreakerState = state };
                journal.Write(ref change);
            }

            Assert.Equal(2, journal.Summary.BreakerChanges);
        }

        using var c = new SqliteConnection($"Data Source={Path.Combine(_dir, RunJournal.DatabaseFileName)};Pooling=False");
        c.Open();
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT group_concat(time_ms || ':' || state, ',') FROM (SELECT * FROM breaker ORDER BY id)";
        Assert.Equal("1000:Halted,2000:Active", cmd.ExecuteScalar());
    }

    [Fact]
    public void Create_SeveralSymbols_GivesEachItsOwnTextFiles_AndOneDatabase()
    {
        using (RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT", "ETHUSDT"]))
        {
            OutputEvent eth = RowClosed(1, 1_723_161_256_000, peak: true);
            journal.Write(ref eth);
            Assert.Equal(Path.Combine(_dir, "ETHUSDT", RunJournal.AggregatedFileName), journal.PathOf(new SymbolId(1), RunJournal.AggregatedFileName));
        }

        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "ETHUSDT", RunJournal.AggregatedFileName)).Length);
        Assert.Single(File.ReadAllLines(Path.Combine(_dir, "ETHUSDT", RunJournal.DeltaScoutFileName)));
        Assert.Single(File.ReadAllLines(Path.Combine(_dir, "BTCUSDT", RunJournal.AggregatedFileName))); // header only
        Assert.True(File.Exists(Path.Combine(_dir, RunJournal.DatabaseFileName)));
        Assert.False(File.Exists(Path.Combine(_dir, RunJournal.AggregatedFileName)));
    }

    [Fact]
    public void Write_RowsPeaksAndBars_AfterWarmUp_AllocateNothing()
    {
        using RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT"]);
        OutputEvent row = RowClosed(0, 1_723_161_256_000, peak: true);
        var bar = new OutputEvent { Kind = OutputKind.BarClosed, Indicators = IndicatorValues.Empty };
        bar.Bar.Volume = Quantity.Parse("10");
        bar.Bar.Vwap = 61_000.25;
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                row.Row.StartMs += 1_000;
                row.Evaluation.RowStartMs = row.Row.StartMs;
                journal.Write(ref row);
                bar.Bar.LastTradeTimeMs = row.Row.StartMs;
                journal.Write(ref bar);
            }
        });
        Assert.Equal(0, journal.Summary.Errors);
    }

    [Fact]
    public void Pipeline_JournalThread_WritesTheSameFilesAsTheEngineAlone()
    {
        string piped = Path.Combine(_dir, "piped");
        JournalTotals summary;
        RunStatistics stats;
        using (RunJournal journal = RunJournal.Create(piped, JournaledRun.Symbols))
        {
            var runtime = new PipelineRuntime { InputRingSize = 1 << 12, OutputRingSize = 1 << 10, EngineWait = WaitStrategyKind.Sleeping };
            var pipeline = new EnginePipeline<JournalHandler>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, new JournalHandler(journal));
            using (var feed = PipelineFixtures.OpenBtc(new SymbolRegistry(JournaledRun.Symbols)))
            {
                stats = pipeline.Run(feed, CancellationToken.None);
            }

            summary = journal.Summary;
        }

        Assert.Equal(0, stats.JournalFaults);
        Assert.Equal(0, summary.Errors);
        Assert.True(summary.EndOfStream);
        Assert.Equal(343, summary.Rows); // 23:54:16 .. 23:59:58; the second 23:59:59 was still open at the end
        Assert.Equal(1, summary.IntervalsLeftOpen);

        string direct = Path.Combine(_dir, "direct");
        JournaledRun.WriteJournal(direct, JournaledRun.Outputs);
        foreach (string file in new[] { RunJournal.AggregatedFileName, RunJournal.DeltaScoutFileName, RunJournal.BarsFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(direct, file)), File.ReadAllBytes(Path.Combine(piped, file)));
        }
    }

    [Fact]
    public void Flush_WithLineBatches_PutsTheBatchedLinesInTheFiles()
    {
        using RunJournal journal = RunJournal.Create(_dir, ["BTCUSDT"], new RunJournalOptions { LineBatchBytes = 4096 });
        string csv = Path.Combine(_dir, RunJournal.AggregatedFileName);
        OutputEvent row = RowClosed(0, 1_723_161_256_000, peak: true);
        journal.Write(ref row);
        Assert.Empty(ReadShared(Path.Combine(_dir, RunJournal.DeltaScoutFileName)));

        journal.Flush();
        Assert.Equal(2, ReadShared(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header and the row
        Assert.Single(ReadShared(Path.Combine(_dir, RunJournal.DeltaScoutFileName)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Pipeline_WithLineBatches_WritesTheSameFilesAsTheEngineAlone()
    {
        string piped = Path.Combine(_dir, "batched");
        using (RunJournal journal = RunJournal.Create(piped, JournaledRun.Symbols, new RunJournalOptions { LineBatchBytes = 512 }))
        {
            var runtime = new PipelineRuntime { InputRingSize = 1 << 12, OutputRingSize = 1 << 10, EngineWait = WaitStrategyKind.Sleeping };
            var pipeline = new EnginePipeline<JournalHandler>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, new JournalHandler(journal));
            using var feed = PipelineFixtures.OpenBtc(new SymbolRegistry(JournaledRun.Symbols));
            RunStatistics stats = pipeline.Run(feed, CancellationToken.None);
            Assert.Equal(0, stats.JournalFaults);
            Assert.Equal(0, journal.Summary.Errors);
        }

        string direct = Path.Combine(_dir, "direct");
        JournaledRun.WriteJournal(direct, JournaledRun.Outputs);
        foreach (string file in new[] { RunJournal.AggregatedFileName, RunJournal.DeltaScoutFileName, RunJournal.BarsFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(direct, file)), File.ReadAllBytes(Path.Combine(piped, file)));
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
