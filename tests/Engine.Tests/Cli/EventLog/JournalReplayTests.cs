using System.Runtime.InteropServices;
using Engine.Cli.EventLog;
using Engine.Model;
using Engine.Pipeline;
using Engine.Tests.Pipeline;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.EventLog;

/// <summary>
/// Issue 18: a replay of an event journal reproduces the run's outputs byte for byte. The truth is the run on the
/// original input: the engine's output events (every byte of every slot), and the CLI's run files.
/// </summary>
public sealed class JournalReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-evreplay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Engine_OnTheJournal_EmitsTheSameOutputBytes_AsOnTheInput()
    {
        // Real trades with timer ticks, a halt and a resume among them: every kind a paper run's ring carries.
        List<EngineEvent> input = RealTradesWithCommands();
        string path = Path.Combine(_dir, "events.journal");
        using (EventJournalWriter writer = EventJournalWriter.Create(path, ["BTCUSDT"], JournalEvents.NoFsync))
        {
            JournalEvents.Write(writer, input, batch: 37);
        }

        var direct = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        foreach (EngineEvent e in input)
        {
            EngineEvent slot = e;
            direct.OnEvent(ref slot);
        }

        var fromJournal = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        using (EventJournalFeed feed = EventJournalFeed.Open(path, new SymbolRegistry(["BTCUSDT"])))
        {
            EngineEvent slot = default;
            while (feed.TryReadNext(ref slot))
            {
                fromJournal.OnEvent(ref slot);
            }

            Assert.Null(feed.Damage);
            Assert.Equal(input.Count - 1, feed.NextPosition); // every event but the end marker
            slot.Kind = EventKind.EndOfStream;
            fromJournal.OnEvent(ref slot);
        }

        List<OutputEvent> expected = direct.Output.Events, actual = fromJournal.Output.Events;
        Assert.True(expected.Count(o => o.Kind == OutputKind.OrderRequested) >= 2, "the run should trade, or the comparison proves little");
        Assert.Contains(expected, o => o.Kind == OutputKind.BreakerChanged);
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(
            MemoryMarshal.AsBytes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(expected))
                .SequenceEqual(MemoryMarshal.AsBytes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(actual))),
            "output bytes differ");
    }

    [Fact]
    public void EngineReplay_OfAJournal_WritesTheSameRunFiles_AsReplayOfTheTape()
    {
        string tapeRun = Path.Combine(_dir, "tape");
        string journalRun = Path.Combine(_dir, "journal");
        string journal = Path.Combine(_dir, "sample.journal");
        using (EventJournalWriter writer = EventJournalWriter.Create(journal, ["BTCUSDT"], JournalEvents.NoFsync))
        using (var trades = Engine.Binance.Archives.TradeCsvReader.Open(Engine.Tests.Cli.CliHarness.SampleTrades, new SymbolRegistry(["BTCUSDT"])))
        {
            // What the input consumer sees in a run over the sample: its trades, in the ring's order.
            EngineEvent slot = default;
            long sequence = 0;
            while (trades.TryReadNext(ref slot))
            {
                writer.OnEvent(ref slot, sequence++, endOfBatch: sequence % 512 == 0);
            }

            writer.OnShutdown();
        }

        var a = Engine.Tests.Cli.CliHarness.ReplaySample(tapeRun);
        var b = Engine.Tests.Cli.CliHarness.Run(["replay", journal, "--config", Engine.Tests.Cli.CliHarness.SampleConfig, "--out", journalRun, .. Engine.Tests.Cli.CliHarness.Unpinned, .. Engine.Tests.Cli.CliHarness.AsFastAsPossible]);

        Assert.True(a.Exit == 0, a.Error);
        Assert.True(b.Exit == 0, b.Error);
        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv" })
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(tapeRun, file));
            Assert.True(expected.Length > 0, file);
            Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(journalRun, file))), $"{file} differs");
        }

        string orders = DumpDatabase(Path.Combine(tapeRun, "journal.db"));
        Assert.Matches("orders:\n[^\n]+\n", orders); // the sample trades: at least one order row
        Assert.Equal(orders, DumpDatabase(Path.Combine(journalRun, "journal.db")));
    }

    [Fact]
    public void EngineReplay_OfATornJournal_PlaysWhatIsWhole_AndSaysWhere()
    {
        string journal = Path.Combine(_dir, "torn.journal");
        using (EventJournalWriter writer = EventJournalWriter.Create(journal, ["BTCUSDT"], JournalEvents.NoFsync))
        {
            JournalEvents.Write(writer, Enumerable.Range(0, 50).Select(i => JournalEvents.Trade(1000 + i, "60000", "0.5", 1_723_161_240_000 + i * 100)).ToList());
        }

        using (var f = new FileStream(journal, FileMode.Open))
        {
            f.SetLength(f.Length - 10);
        }

        byte[] before = File.ReadAllBytes(journal);
        string run = Path.Combine(_dir, "tornrun");
        var r = Engine.Tests.Cli.CliHarness.Run(["replay", journal, "--config", Engine.Tests.Cli.CliHarness.SampleConfig, "--out", run, .. Engine.Tests.Cli.CliHarness.Unpinned, .. Engine.Tests.Cli.CliHarness.AsFastAsPossible]);

        Assert.True(r.Exit == 0, r.Error);
        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("torn tail", report, StringComparison.Ordinal);
        Assert.Contains("played the 49 records before it", report, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(journal)); // replay never changes the journal
    }

    private static List<EngineEvent> RealTradesWithCommands()
    {
        var events = new List<EngineEvent>();
        using var reader = PipelineFixtures.OpenBtc(new SymbolRegistry(["BTCUSDT"]));
        EngineEvent slot = default;
        while (reader.TryReadNext(ref slot))
        {
            events.Add(slot);
        }

        int n = events.Count;
        long Time(int i) => events[i].Trade.TradeTimeMs;
        events.Insert(n * 2 / 3, JournalEvents.Command(OperatorCommandKind.Resume, Time(n * 2 / 3)));
        events.Insert(n / 2, JournalEvents.Command(OperatorCommandKind.Halt, Time(n / 2)));
        for (int i = n - 1; i > 0; i -= n / 40)
        {
            events.Insert(i, JournalEvents.Tick(Time(i)));
        }

        EngineEvent end = default;
        end.Kind = EventKind.EndOfStream;
        events.Add(end); // not journalled: the replay of the journal ends with its own
        return events;
    }

    private static string DumpDatabase(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var text = new System.Text.StringBuilder();
        foreach (string table in new[] { "signals", "orders", "fills", "positions", "breaker" })
        {
            text.Append(table).Append(":\n");
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY rowid";
            using SqliteDataReader r = command.ExecuteReader();
            while (r.Read())
            {
                for (int i = 0; i < r.FieldCount; i++)
                {
                    text.Append(r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
