using Engine.Cli.Journal;
using Engine.Pipeline;
using Engine.Tests.Pipeline;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Journal;

/// <summary>
/// A small real run for the journal tests: the engine replays the real BTC trades with the short-interval DeltaScout
/// settings into a collecting sink, then every output goes through a <see cref="JournalHandler"/> into a run directory.
/// The outputs are the independent truth the files are checked against.
/// </summary>
public sealed class JournaledRun : IDisposable
{
    private static readonly Lazy<List<OutputEvent>> ReplayedOutputs = new(Replay);

    public JournaledRun()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("engine-run-").FullName;
        Summary = WriteJournal(Directory, Outputs);
    }

    public static string[] Symbols => ["BTCUSDT"];

    /// <summary>The engine's outputs of the replay (shared, read-only).</summary>
    public static List<OutputEvent> Outputs => ReplayedOutputs.Value;

    public string Directory { get; }

    public JournalTotals Summary { get; }

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static List<OutputEvent> Replay()
    {
        var engine = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        PipelineFixtures.Replay(engine, PipelineFixtures.BtcTrades, "BTCUSDT");
        return engine.Output.Events;
    }

    /// <summary>Pushes the outputs through a handler as the journal thread would, in batches of 64, and closes the journal.</summary>
    public static JournalTotals WriteJournal(string directory, List<OutputEvent> outputs)
    {
        using RunJournal journal = RunJournal.Create(directory, Symbols);
        var handler = new JournalHandler(journal);
        handler.OnStart();
        for (int i = 0; i < outputs.Count; i++)
        {
            OutputEvent copy = outputs[i];
            handler.OnEvent(ref copy, i, endOfBatch: i % 64 == 63 || i == outputs.Count - 1);
        }

        handler.OnShutdown();
        return journal.Summary;
    }

    public List<object?[]> Query(string sql) => Query(PathOf(RunJournal.DatabaseFileName), sql);

    /// <summary>Every row of <paramref name="sql"/> on the journal.db at <paramref name="databasePath"/>, read only.</summary>
    public static List<object?[]> Query(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
